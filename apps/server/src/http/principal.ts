import type { Role } from '@harbourmaster/contracts';

/** Who is calling: a signed-in user (session cookie) or an API token (bearer). */
export interface Principal {
  via: 'session' | 'token';
  /** The user behind the session, or the user who created the token (null if since deleted). */
  userId: string | null;
  /** A display name for audit entries: the username, or `token:<name>`. */
  name: string;
  role: Role;
  sessionId?: string;
  tokenId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The principal of a request whose route required a role; the auth hook guarantees it is set. */
export function principalOf(req: { principal: Principal | null }): Principal {
  if (!req.principal) throw new Error('principalOf called on a route without access control');
  return req.principal;
}
