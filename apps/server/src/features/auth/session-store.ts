import type { Role } from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import type { UsersTable } from '../../db/schema.js';
import { randomToken, tokenDigest } from './secret-token.js';
import { storedRole } from './user-row.js';

/** Sliding expiry is written at most this often, so a busy UI does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;
const MAX_USER_AGENT = 512;

export interface NewSession {
  /** The cookie value; only its digest is stored. */
  token: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: number;
}

export interface ActiveSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: number;
  /** The expiry moved forward on this lookup, so the cookie should be sent again. */
  renewed: boolean;
  user: UsersTable & { role: Role };
}

/** Browser sessions, keyed by the SHA-256 of the cookie value. */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async create(userId: string, meta: { ip: string | null; userAgent: string | null }): Promise<NewSession> {
    const now = this.now();
    const token = randomToken();
    const session = {
      id: tokenDigest(token),
      user_id: userId,
      csrf_token: randomToken(),
      created_at: now,
      expires_at: now + this.ttlMs,
      last_seen_at: now,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
    };
    // Signing in is rare enough to carry the clean-up of expired sessions, so no timer is needed.
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
    await this.db.insertInto('sessions').values(session).execute();
    return { token, sessionId: session.id, csrfToken: session.csrf_token, expiresAt: session.expires_at };
  }

  /** The live session behind a cookie value, or null if it is unknown, expired or its user is disabled. */
  async resolve(token: string): Promise<ActiveSession | null> {
    const now = this.now();
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select([
        'sessions.id as session_id',
        'sessions.csrf_token',
        'sessions.expires_at',
        'sessions.last_seen_at',
      ])
      .where('sessions.id', '=', tokenDigest(token))
      .executeTakeFirst();
    if (!row || row.expires_at <= now || row.disabled !== 0) return null;
    const role = storedRole(row.role);
    if (!role) return null;
    const { session_id, csrf_token, expires_at, last_seen_at, ...user } = row;
    let expiresAt = expires_at;
    const renewed = now - last_seen_at >= TOUCH_INTERVAL_MS;
    if (renewed) {
      expiresAt = now + this.ttlMs;
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: now, expires_at: expiresAt })
        .where('id', '=', session_id)
        .execute();
    }
    return { sessionId: session_id, csrfToken: csrf_token, expiresAt, renewed, user: { ...user, role } };
  }

  async delete(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  }

  /** Ends every session of a user, except optionally the caller's own. */
  async deleteForUser(userId: string, exceptSessionId?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
    await q.execute();
  }
}
