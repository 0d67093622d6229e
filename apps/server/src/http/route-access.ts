import type { FastifyInstance } from 'fastify';
import type { Role } from '@harbourmaster/contracts';

/** Who may call a route: a minimum role, or 'public' for the few routes anyone may call. */
export type RouteAccess = Role | 'public';

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: RouteAccess;
  websocket: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every /api route with the role it requires (for the role-matrix test and docs). */
    routeAccess: RouteAccessEntry[];
  }
}

/**
 * Refuses to register an /api route that does not say who may call it, so a forgotten role check
 * is a startup error rather than an open door.
 */
export function requireAccessOnEveryRoute(app: FastifyInstance): void {
  const table: RouteAccessEntry[] = [];
  app.decorate('routeAccess', table);
  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method.toString()} ${url} declares no access role`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD')
        table.push({ method, url, access, websocket: Boolean((route as { websocket?: boolean }).websocket) });
    }
  });
}
