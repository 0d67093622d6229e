import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from '../config/logger.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import type { EventBus } from '../events/event-bus.js';
import type { AuditLog } from '../features/audit/audit.service.js';
import { installErrorHandler } from './error-handler.js';
import { requireAccessOnEveryRoute } from './route-access.js';
import { registerApiDocs } from './api-docs.js';
import { registerAuth } from '../features/auth/auth.plugin.js';
import { registerAuditRoutes } from '../features/audit/audit.routes.js';

/** Everything the HTTP layer needs, built once in main.ts. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Db;
  schemaVersion: string;
  bus: EventBus;
  audit: AuditLog;
  version: string;
  startedAt: number;
}

export type App = FastifyInstance;

/** Builds the HTTP app with every route; does not listen. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.logger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 4 * 1024 * 1024,
    disableRequestLogging: false,
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  requireAccessOnEveryRoute(app);
  await registerApiDocs(app, deps.version);
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });
  await registerAuth(app, deps);
  await app.register((scoped) => registerAuditRoutes(scoped, deps));
  return app;
}
