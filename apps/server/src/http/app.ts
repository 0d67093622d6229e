import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from '../config/logger.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import type { EventBus } from '../events/event-bus.js';
import type { AuditLog } from '../features/audit/audit.service.js';
import type { HostRegistry } from '../features/hosts/host-registry.js';
import type { TagStore } from '../features/tags/tag-store.js';
import type { IconStore } from '../features/icons/icon-store.js';
import { registerIconRoutes } from '../features/icons/icons.routes.js';
import type { JobRunner } from '../features/jobs/job-runner.js';
import type { LiveHub } from '../features/live/live-hub.js';
import type { ContainerService } from '../features/containers/container.service.js';
import type { ContainerCreateService } from '../features/containers/container-create.service.js';
import type { ImageService } from '../features/images/image.service.js';
import type { NetworkService } from '../features/networks/network.service.js';
import type { VolumeService } from '../features/volumes/volume.service.js';
import type { SecretBox } from '../adapters/crypto/secret-box.js';
import { installErrorHandler } from './error-handler.js';
import { answerClientError, answerFrameworkError } from './client-error.js';
import { acceptEmptyJsonBodies } from './parse-json.js';
import { DataDiskWatch } from './data-disk.js';
import { freeBytes } from '../adapters/fs/disk-space.js';
import { installCompression } from './compression.js';
import { requireAccessOnEveryRoute } from './route-access.js';
import { registerApiDocs } from './api-docs.js';
import { registerWebApp } from './web-app.js';
import { registerAuth } from '../features/auth/auth.plugin.js';
import { registerAuditRoutes } from '../features/audit/audit.routes.js';
import { registerHostRoutes } from '../features/hosts/hosts.routes.js';
import { registerContainerRoutes } from '../features/containers/containers.routes.js';
import { registerImageRoutes } from '../features/images/images.routes.js';
import { registerJobRoutes } from '../features/jobs/jobs.routes.js';
import { registerNetworkRoutes } from '../features/networks/networks.routes.js';
import { registerVolumeRoutes } from '../features/volumes/volumes.routes.js';
import { registerLogRoutes } from '../features/logs/logs.routes.js';
import { registerExecRoutes } from '../features/exec/exec.routes.js';
import { registerLiveRoutes } from '../features/live/live.routes.js';

/** Everything the HTTP layer needs, built once in runtime.ts. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Db;
  schemaVersion: string;
  bus: EventBus;
  audit: AuditLog;
  version: string;
  startedAt: number;
  /** The built web app (apps/web/dist). */
  webDir: string;
  /** Encrypts what is stored secret (registry passwords, notifier tokens, …). */
  secrets: SecretBox;
  hosts: HostRegistry;
  tags: TagStore;
  icons: IconStore;
  jobs: JobRunner;
  live: LiveHub;
  containers: ContainerService;
  creator: ContainerCreateService;
  images: ImageService;
  networks: NetworkService;
  volumes: VolumeService;
}

export type App = FastifyInstance;

/** Builds the HTTP app with every route; does not listen. */
export async function buildApp(deps: AppDeps): Promise<App> {
  // Route files opt into the zod type provider themselves; the root instance stays the default type.
  const app: FastifyInstance = Fastify({
    // pino's Logger is a FastifyBaseLogger; without the cast tsc types the instance with pino's Logger
    // and rejects it where plugins expect the default instance type (the lint rule cannot see that).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 4 * 1024 * 1024,
    forceCloseConnections: true,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    // Image references are path parameters of up to 512 characters, more once percent-encoded.
    routerOptions: { maxParamLength: 2048 },
  });
  acceptEmptyJsonBodies(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const dataDisk = new DataDiskWatch(() => freeBytes(deps.config.dataDir));
  installErrorHandler(app, { onDiskFull: () => dataDisk.noteFull() });
  installCompression(app);
  requireAccessOnEveryRoute(app);
  await registerApiDocs(app, deps.version);
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });
  await registerAuth(app, deps);
  // Each feature in its own encapsulated scope; the auth hooks above apply to all of them.
  const features = [
    registerAuditRoutes,
    registerHostRoutes,
    registerContainerRoutes,
    registerImageRoutes,
    registerJobRoutes,
    registerNetworkRoutes,
    registerVolumeRoutes,
    registerLogRoutes,
    registerExecRoutes,
    registerLiveRoutes,
    registerIconRoutes,
  ] as const;
  const featureDeps = { ...deps, dataDisk };
  for (const register of features) await app.register((scoped) => register(scoped, featureDeps));
  await app.register((scoped) => registerWebApp(scoped, deps.webDir));
  return app;
}
