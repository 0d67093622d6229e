import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { ROLE_RANK } from '@harbourmaster/contracts';
import { forbidden, HttpError, unauthorized } from '../../http/http-errors.js';
import type { Principal } from '../../http/principal.js';
import type { RouteAccess } from '../../http/route-access.js';
import type { Authenticated, Authenticator } from './authenticator.js';
import { assertCsrf, CSRF_HEADER, isMutating } from './csrf.js';
import { isAllowedOrigin } from './origin.js';
import { attachSession } from './request-session.js';
import { setSessionCookie } from './session-cookie.js';

/** The outcome of checking a WebSocket handshake outside Fastify's routing. */
export type UpgradeCheck =
  | { ok: true; principal: Principal | null }
  | { ok: false; statusCode: number; error: string; message: string };

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Checks a raw WebSocket handshake (Origin, credentials, role) the way the auth hook checks a
     * routed request. Routes declared with `{ websocket: true }` need not call it: the hook already
     * ran for them. Useful for `ws` servers attached by hand, and to re-check a long-lived socket
     * against the headers it opened with (a session may since have ended).
     * @example
     * const check = await app.authenticateUpgrade(req.raw, 'viewer');
     * if (!check.ok) socket.close(1008, check.message);
     */
    authenticateUpgrade(raw: IncomingMessage, access: RouteAccess): Promise<UpgradeCheck>;
  }
}

/**
 * The access a route requires, or null for routes the hook leaves alone (static files, not-found).
 * An /api route without a declared access is admin-only, so a route that slipped past
 * `requireAccessOnEveryRoute` fails closed.
 */
export function accessOf(url: string | undefined, declared: RouteAccess | undefined): RouteAccess | null {
  if (declared) return declared;
  if (!url?.startsWith('/api/')) return null;
  return url.startsWith('/api/docs') ? 'public' : 'admin';
}

/** Throws 401 or 403 unless the caller may use a route with this access. */
export function authorize(auth: Authenticated | null, access: RouteAccess): Principal | null {
  if (access === 'public') return auth?.principal ?? null;
  if (!auth) throw unauthorized();
  if (ROLE_RANK[auth.principal.role] < ROLE_RANK[access]) throw forbidden();
  return auth.principal;
}

export function isWebSocketUpgrade(headers: IncomingHttpHeaders): boolean {
  return headers.upgrade?.toLowerCase() === 'websocket';
}

const originRefused = () =>
  new HttpError(
    403,
    'forbidden',
    'this page may not open a WebSocket here; add its origin to HM_ALLOWED_ORIGINS',
  );

/**
 * Checks a WebSocket handshake: its Origin, its credentials and the role `access` requires.
 * @example
 * const check = await authenticateUpgrade(authenticator, req, { access: 'viewer', allowedOrigins: [] });
 */
export async function authenticateUpgrade(
  authenticator: Authenticator,
  req: { headers: IncomingHttpHeaders },
  opts: { access: RouteAccess; allowedOrigins: readonly string[]; host?: string | undefined },
): Promise<UpgradeCheck> {
  try {
    if (!isAllowedOrigin(req.headers.origin, opts.host ?? req.headers.host, opts.allowedOrigins))
      throw originRefused();
    const principal = authorize(await authenticator.authenticate(req.headers), opts.access);
    return { ok: true, principal };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    return { ok: false, statusCode: err.statusCode, error: err.code, message: err.message };
  }
}

export interface AuthHookOptions {
  authenticator: Authenticator;
  allowedOrigins: readonly string[];
  /** Whether a peer may set X-Forwarded-Host (a trusted reverse proxy). */
  trustsPeer: (address: string | undefined) => boolean;
}

/**
 * Installs, on the instance given (the root, so routes in every plugin registered later are
 * covered), the hook that sets `request.principal`, enforces each route's `config.access`, checks
 * CSRF for session-authenticated mutations and the Origin of WebSocket handshakes, and slides the
 * session cookie's expiry.
 */
export function installAuthHook(app: FastifyInstance, opts: AuthHookOptions): void {
  const { authenticator, allowedOrigins } = opts;

  app.addHook('onRequest', async (req, reply) => {
    const access = accessOf(req.routeOptions.url, req.routeOptions.config.access);
    if (!access) return;
    if (isWebSocketUpgrade(req.headers) && !isAllowedOrigin(req.headers.origin, req.host, allowedOrigins)) {
      throw originRefused();
    }
    const auth = await authenticator.authenticate(req.headers);
    req.principal = authorize(auth, access);
    if (!auth?.session) return;
    attachSession(req, auth.session);
    // Sign-in and setup are public and have no session to hold a token yet; their defence is the
    // JSON content type that a cross-site form cannot send.
    if (access !== 'public' && isMutating(req.method)) {
      assertCsrf(req.headers[CSRF_HEADER], auth.session.csrfToken);
    }
    if (auth.session.renewed) setSessionCookie(req, reply, auth.session.token, auth.session.expiresAt);
  });

  app.decorate('authenticateUpgrade', (raw: IncomingMessage, access: RouteAccess) => {
    const forwarded = raw.headers['x-forwarded-host'];
    const host =
      opts.trustsPeer(raw.socket?.remoteAddress) && typeof forwarded === 'string'
        ? forwarded.split(',')[0]?.trim()
        : raw.headers.host;
    return authenticateUpgrade(authenticator, raw, { access, allowedOrigins, host });
  });
}
