import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Config } from './config/config.js';
import type { Logger } from './config/logger.js';
import { openDatabase } from './db/database.js';
import { EventBus } from './events/event-bus.js';
import { AuditLog } from './features/audit/audit.service.js';
import { AuditReconciler } from './features/audit/audit-reconciler.js';
import { HostRegistry, type EngineLinkFactory } from './features/hosts/host-registry.js';
import { TagStore } from './features/tags/tag-store.js';
import { IconStore } from './features/icons/icon-store.js';
import { JobRunner } from './features/jobs/job-runner.js';
import { LiveHub } from './features/live/live-hub.js';
import { ContainerService } from './features/containers/container.service.js';
import { ContainerInventory } from './features/inventory/container-inventory.js';
import { ContainerCreateService } from './features/containers/container-create.service.js';
import { ImageService } from './features/images/image.service.js';
import { pullJob } from './features/images/pull-job.js';
import { NetworkService } from './features/networks/network.service.js';
import { VolumeService } from './features/volumes/volume.service.js';
import { buildApp, type App, type AppDeps } from './http/app.js';
import { loadSecretKey } from './adapters/crypto/secret-key.js';
import { SecretBox } from './adapters/crypto/secret-box.js';

/** A full reload of every host's containers, for anything the event stream missed. */
const INVENTORY_RECONCILE_MS = 60_000;

export interface RuntimeAdapters {
  /** Where the built web app is; a page saying to build it is served when it is missing. */
  webDir?: string;
  /** How a host's engine is reached (a socket/TCP engine now; agents later). */
  linkFor: EngineLinkFactory;
  /** Whether a host path exists, for bind-mount checks; null when it cannot be told from here. */
  pathExists: (hostId: string, path: string) => Promise<boolean | null>;
}

export interface Runtime {
  app: App;
  deps: AppDeps;
  /** Connects hosts and resumes jobs; call after `app.listen`. */
  start(): Promise<void>;
  /** Stops streams, jobs and the database, in that order. */
  stop(): Promise<void>;
}

/** Wires config, database, services and routes together: the one place that knows them all. */
export async function createRuntime(
  config: Config,
  logger: Logger,
  adapters: RuntimeAdapters,
  version: string,
): Promise<Runtime> {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Loaded (or created, 0600) at start so a bad key stops the daemon now, not on first use.
  const secrets = new SecretBox(await loadSecretKey(config.secretKey, dataDir));
  const { db, schemaVersion, close } = await openDatabase(join(dataDir, 'harbourmaster.db'));
  const bus = new EventBus();
  const audit = new AuditLog(db, join(dataDir, 'audit.jsonl'), bus, logger);
  const hosts = new HostRegistry(db, bus, logger, adapters.linkFor);
  const tags = new TagStore(db);
  const icons = new IconStore(db);
  const jobs = new JobRunner(db, bus, logger);
  jobs.register(pullJob(hosts));
  const live = new LiveHub(bus);
  const inventory = new ContainerInventory(hosts, bus, logger, { reconcileMs: INVENTORY_RECONCILE_MS });
  const deps: AppDeps = {
    config,
    logger,
    db,
    schemaVersion,
    bus,
    audit,
    version,
    startedAt: Date.now(),
    webDir: adapters.webDir ?? resolve('apps/web/dist'),
    secrets,
    hosts,
    tags,
    jobs,
    live,
    icons,
    containers: new ContainerService(hosts, inventory, tags, icons),
    creator: new ContainerCreateService({ hosts, tags, pathExists: adapters.pathExists }),
    images: new ImageService(hosts),
    networks: new NetworkService(hosts),
    volumes: new VolumeService(hosts),
  };
  const app = await buildApp(deps);
  const reconciler = new AuditReconciler(audit, bus, logger, {
    'container.create': (intent) => deps.creator.finishInterrupted(intent),
  });
  return {
    app,
    deps,
    async start() {
      // Before the hosts connect, so the inventory sees each first connection.
      inventory.start();
      await hosts.start(config.dockerHost);
      await reconciler.start();
      await jobs.recover();
    },
    async stop() {
      live.close();
      reconciler.stop();
      await app.close();
      await jobs.stop();
      inventory.stop();
      await hosts.stop();
      await audit.flush();
      await close();
    },
  };
}
