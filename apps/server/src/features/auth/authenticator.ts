import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../../http/principal.js';
import type { ActiveSession, SessionStore } from './session-store.js';
import type { ApiTokenStore } from './token-store.js';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';

/** Who a request is, and for a session the details the CSRF check and cookie renewal need. */
export interface Authenticated {
  principal: Principal;
  session: (ActiveSession & { token: string }) | null;
}

/** Resolves the principal behind a request's credentials. */
export interface Authenticator {
  /**
   * Reads `Authorization: Bearer …` first, else the session cookie. A request that sends a bearer
   * token is judged by it alone: a bad token is not rescued by a cookie that rode along.
   */
  authenticate(headers: IncomingHttpHeaders): Promise<Authenticated | null>;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const TOKEN_NAME_PREFIX = 'token:';

/** The name of the API token behind a token principal (its principal name is `token:<name>`). */
export function tokenNameOf(principal: Principal): string {
  return principal.name.slice(TOKEN_NAME_PREFIX.length);
}

export function createAuthenticator(stores: {
  sessions: Pick<SessionStore, 'resolve'>;
  tokens: Pick<ApiTokenStore, 'resolve'>;
}): Authenticator {
  return {
    async authenticate(headers) {
      if (headers.authorization !== undefined) {
        const bearer = BEARER.exec(headers.authorization)?.[1];
        const token = bearer ? await stores.tokens.resolve(bearer) : null;
        if (!token) return null;
        const principal: Principal = {
          via: 'token',
          userId: token.createdBy,
          name: TOKEN_NAME_PREFIX + token.name,
          role: token.role,
          tokenId: token.id,
        };
        return { principal, session: null };
      }
      const cookieValue = readCookie(headers.cookie, SESSION_COOKIE);
      if (!cookieValue) return null;
      const session = await stores.sessions.resolve(cookieValue);
      if (!session) return null;
      const principal: Principal = {
        via: 'session',
        userId: session.user.id,
        name: session.user.username,
        role: session.user.role,
        sessionId: session.sessionId,
      };
      return { principal, session: { ...session, token: cookieValue } };
    },
  };
}
