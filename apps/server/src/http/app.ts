import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Core } from '../core.js';
import type { Feature } from '../features/feature.js';
import { installErrorHandler } from './error-handler.js';
import { answerClientError, answerFrameworkError } from './client-error.js';
import { acceptEmptyJsonBodies } from './parse-json.js';
import { installCompression } from './compression.js';
import { requireAccessOnEveryRoute } from './route-access.js';
import { registerApiDocs } from './api-docs.js';
import { registerWebApp } from './web-app.js';
import { proxyTrust } from './trusted-proxies.js';

export type App = FastifyInstance;

/**
 * Builds the HTTP app: the shared plugins, then each feature's root hooks, then each feature's
 * routes in a scope of their own, then the web app. Does not listen.
 */
export async function buildApp(
  core: Pick<Core, 'logger' | 'config' | 'version' | 'dataDisk' | 'webDir'>,
  features: readonly Feature[],
): Promise<App> {
  const { trustProxy } = core.config;
  const trustsPeer = trustProxy === false ? undefined : proxyTrust(trustProxy);
  // Route files opt into the zod type provider themselves; the root instance stays the default type.
  const app: FastifyInstance = Fastify({
    // pino's Logger is a FastifyBaseLogger; without the cast tsc types the instance with pino's Logger
    // and rejects it where plugins expect the default instance type (the lint rule cannot see that).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: core.logger as FastifyBaseLogger,
    trustProxy: trustsPeer === undefined ? false : (address: string) => trustsPeer(address),
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
  installErrorHandler(app, { onDiskFull: () => core.dataDisk.noteFull() });
  installCompression(app);
  requireAccessOnEveryRoute(app);
  await registerApiDocs(app, core.version);
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });
  for (const feature of features) await feature.install?.(app);
  // Each feature in its own encapsulated scope; the root hooks above apply to all of them.
  for (const feature of features) {
    const routes = feature.routes?.bind(feature);
    if (routes) await app.register(async (scoped) => routes(scoped));
  }
  await app.register((scoped) => registerWebApp(scoped, core.webDir));
  return app;
}
