import type { FastifyInstance } from 'fastify';
import type { Role } from '@harbourmaster/contracts';

/** Who may call a route: a minimum role, or 'public' for the few routes anyone may call. */
export type RouteAccess = Role | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/**
 * Refuses to register an /api route that does not say who may call it, so a forgotten role check
 * is a startup error rather than an open door.
 */
export function requireAccessOnEveryRoute(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method.toString()} ${url} declares no access role`);
  });
}
