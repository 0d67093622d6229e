import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Config } from './config/config.js';
import type { Logger } from './config/logger.js';
import { openDatabase, type Db } from './db/database.js';
import { EventBus } from './events/event-bus.js';
import { AuditLog } from './features/audit/audit.service.js';
import { HostRegistry } from './features/hosts/host-registry.js';
import { TagStore } from './features/tags/tag-store.js';
import { IconStore } from './features/icons/icon-store.js';
import { JobRunner } from './features/jobs/job-runner.js';
import { LiveHub } from './features/live/live-hub.js';
import { ContainerInventory } from './features/inventory/container-inventory.js';
import { DataDiskWatch } from './http/data-disk.js';
import { freeBytes } from './adapters/fs/disk-space.js';
import { loadSecretKey } from './adapters/crypto/secret-key.js';
import { SecretBox } from './adapters/crypto/secret-box.js';
import type { EngineLinkFactory } from './adapters/engine/engine-link.js';

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

/**
 * What features share: configuration, storage, the bus, the audit log, the hosts and what is known
 * of them. Built once; each feature's factory takes what it needs from it.
 */
export interface Core {
  config: Config;
  logger: Logger;
  version: string;
  startedAt: number;
  db: Db;
  schemaVersion: string;
  bus: EventBus;
  audit: AuditLog;
  /** Encrypts what is stored secret (registry passwords, notifier tokens, …). */
  secrets: SecretBox;
  hosts: HostRegistry;
  /** Every host's containers, kept current by the event stream. */
  inventory: ContainerInventory;
  tags: TagStore;
  icons: IconStore;
  jobs: JobRunner;
  live: LiveHub;
  /** Whether the data disk is full, noted by the error boundary and reported by health. */
  dataDisk: DataDiskWatch;
  /** The built web app (apps/web/dist). */
  webDir: string;
  pathExists: RuntimeAdapters['pathExists'];
  /** Closes the database; last thing on shutdown. */
  closeDb(): Promise<void>;
}

/** Opens the data dir, the secret key and the database, and builds the shared services. */
export async function createCore(
  config: Config,
  logger: Logger,
  adapters: RuntimeAdapters,
  version: string,
): Promise<Core> {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Loaded (or created, 0600) at start so a bad key stops the daemon now, not on first use.
  const secrets = new SecretBox(await loadSecretKey(config.secretKey, dataDir));
  const { db, schemaVersion, close } = await openDatabase(join(dataDir, 'harbourmaster.db'));
  const bus = new EventBus();
  const hosts = new HostRegistry(db, bus, logger, adapters.linkFor);
  return {
    config,
    logger,
    version,
    startedAt: Date.now(),
    db,
    schemaVersion,
    bus,
    audit: new AuditLog(db, join(dataDir, 'audit.jsonl'), bus, logger),
    secrets,
    hosts,
    inventory: new ContainerInventory(hosts, bus, logger, { reconcileMs: INVENTORY_RECONCILE_MS }),
    tags: new TagStore(db),
    icons: new IconStore(db),
    jobs: new JobRunner(db, bus, logger),
    live: new LiveHub(bus),
    dataDisk: new DataDiskWatch(() => freeBytes(config.dataDir)),
    webDir: adapters.webDir ?? resolve('apps/web/dist'),
    pathExists: adapters.pathExists,
    closeDb: close,
  };
}
