import type { FastifyRequest } from 'fastify';
import type { ActiveSession } from './session-store.js';

// Kept beside the request rather than on it: only auth routes need the session's details.
const sessions = new WeakMap<FastifyRequest, ActiveSession>();

export function attachSession(req: FastifyRequest, session: ActiveSession): void {
  sessions.set(req, session);
}

/** The session a request was authenticated by, or null for token and anonymous requests. */
export function sessionOf(req: FastifyRequest): ActiveSession | null {
  return sessions.get(req) ?? null;
}
