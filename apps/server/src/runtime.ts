import type { Config } from './config/config.js';
import type { Logger } from './config/logger.js';
import { createCore, type Core, type RuntimeAdapters } from './core.js';
import type { Feature } from './features/feature.js';
import { createAuthFeature } from './features/auth/auth.feature.js';
import { createHostsFeature } from './features/hosts/hosts.feature.js';
import { createContainersFeature } from './features/containers/containers.feature.js';
import { createIconsFeature } from './features/icons/icons.feature.js';
import { createImagesFeature } from './features/images/images.feature.js';
import { createNetworksFeature } from './features/networks/networks.feature.js';
import { createVolumesFeature } from './features/volumes/volumes.feature.js';
import { createLogsFeature } from './features/logs/logs.feature.js';
import { createExecFeature } from './features/exec/exec.feature.js';
import { createLiveFeature } from './features/live/live.feature.js';
import { createAuditFeature } from './features/audit/audit.feature.js';
import { createJobsFeature } from './features/jobs/jobs.feature.js';
import { createSettingsFeature } from './features/settings/settings.feature.js';
import { createMetricsFeature } from './features/metrics/metrics.feature.js';
import { createStacksFeature } from './features/stacks/stacks.feature.js';
import { createAlertsFeature } from './features/alerts/alerts.feature.js';
import { buildApp, type App } from './http/app.js';

export type { RuntimeAdapters };

export interface Runtime {
  app: App;
  deps: Core;
  /** Starts the features in order (hosts connect, intents reconcile, jobs resume); call after `app.listen`. */
  start(): Promise<void>;
  /** Drains the features, stops the server, then the features in reverse order, the audit log and the database. */
  stop(): Promise<void>;
}

/**
 * Every feature, in start order: the one list that knows them all. Authentication installs first
 * (its hook guards every route); hosts connect before anything asks them; the audit reconcile and
 * the job resume run once the hosts are connecting.
 */
function features(core: Core): Feature[] {
  const containers = createContainersFeature(core);
  const list: Feature[] = [
    createAuthFeature(core),
    createHostsFeature(core),
    containers,
    createIconsFeature(core, containers.containers),
    createImagesFeature(core),
    createNetworksFeature(core),
    createVolumesFeature(core),
    createLogsFeature(core),
    createExecFeature(core),
    createLiveFeature(core),
    createSettingsFeature(core),
    createMetricsFeature(core),
    createStacksFeature(core),
    createAlertsFeature(core),
  ];
  const finishers = Object.assign({}, ...list.map((f) => f.intents ?? {})) as NonNullable<Feature['intents']>;
  return [...list, createAuditFeature(core, finishers), createJobsFeature(core)];
}

/** Wires config, the shared core and every feature together, and shuts them down in order. */
export async function createRuntime(
  config: Config,
  logger: Logger,
  adapters: RuntimeAdapters,
  version: string,
): Promise<Runtime> {
  const core = await createCore(config, logger, adapters, version);
  const list = features(core);
  const app = await buildApp(core, list);
  return {
    app,
    deps: core,
    async start() {
      for (const feature of list) await feature.start?.();
    },
    async stop() {
      for (const feature of list) await feature.drain?.();
      await app.close();
      for (const feature of [...list].reverse()) await feature.stop?.();
      await core.audit.flush();
      await core.closeDb();
    },
  };
}
