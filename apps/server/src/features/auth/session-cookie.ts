import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'hm_session';

/**
 * Sets the session cookie: HttpOnly so page scripts cannot read it, SameSite=Strict so other sites
 * cannot send it, Secure whenever the browser reached us over HTTPS (directly, or through a trusted
 * proxy that says so in X-Forwarded-Proto).
 */
export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: number,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: req.protocol === 'https',
    maxAge: Math.max(0, Math.floor((expiresAt - Date.now()) / 1000)),
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: req.protocol === 'https',
  });
}

/**
 * One cookie's value from a Cookie header. Read here rather than through @fastify/cookie so raw
 * upgrade requests outside Fastify's routing can be authenticated the same way.
 */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim() || null;
  }
  return null;
}
