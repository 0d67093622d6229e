import { randomUUID } from 'node:crypto';
import { ROLE_RANK, type ApiToken, type Role } from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import type { ApiTokensTable } from '../../db/schema.js';
import { randomToken, tokenDigest } from './secret-token.js';
import { storedRole } from './user-row.js';

/** Marks our tokens so secret scanners can recognise a leaked one and we can skip obvious non-tokens. */
export const API_TOKEN_PREFIX = 'hm_';
const TOUCH_INTERVAL_MS = 60_000;
const DAY_MS = 86_400_000;

export interface NewApiToken {
  name: string;
  role: Role;
  createdBy: string | null;
  expiresInDays?: number | undefined;
}

/** A token that authenticated a request. */
export interface ActiveApiToken {
  id: string;
  name: string;
  /** What the token may do now: its own role, capped by its creator's current role. */
  role: Role;
  createdBy: string | null;
}

/**
 * The role a token acts with: never above its creator's current role, so demoting the creator
 * demotes their tokens at once instead of leaving admin rights behind in a script.
 * @example effectiveTokenRole('admin', 'viewer') // 'viewer'
 */
export function effectiveTokenRole(tokenRole: Role, creatorRole: Role): Role {
  return ROLE_RANK[creatorRole] < ROLE_RANK[tokenRole] ? creatorRole : tokenRole;
}

function toApiToken(row: ApiTokensTable, role: Role): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  };
}

/** API tokens for scripts and the CLI, keyed by the SHA-256 of the token. */
export class ApiTokenStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a token; the returned `token` is the only time its value exists outside the caller. */
  async create(input: NewApiToken): Promise<ApiToken & { token: string }> {
    const now = this.now();
    const token = API_TOKEN_PREFIX + randomToken();
    const row: ApiTokensTable = {
      id: randomUUID(),
      name: input.name,
      token_hash: tokenDigest(token),
      role: input.role,
      created_by: input.createdBy,
      created_at: now,
      last_used_at: null,
      expires_at: input.expiresInDays === undefined ? null : now + input.expiresInDays * DAY_MS,
    };
    await this.db.insertInto('api_tokens').values(row).execute();
    return { ...toApiToken(row, input.role), token };
  }

  async list(): Promise<ApiToken[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
    return rows.flatMap((r) => {
      const role = storedRole(r.role);
      return role ? [toApiToken(r, role)] : [];
    });
  }

  async get(id: string): Promise<ApiToken | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    const role = row && storedRole(row.role);
    return row && role ? toApiToken(row, role) : null;
  }

  /** True if a token was deleted. */
  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('api_tokens').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /**
   * The token behind a bearer value, or null if it is unknown or expired. The creator is read on
   * every call: a token acts for the user who made it, so it stops working while that user is
   * disabled or gone, and acts with no more than that user's current role.
   */
  async resolve(token: string): Promise<ActiveApiToken | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const now = this.now();
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.created_by')
      .selectAll('api_tokens')
      .select(['users.disabled as creator_disabled', 'users.role as creator_role'])
      .where('token_hash', '=', tokenDigest(token))
      .executeTakeFirst();
    if (!row || (row.expires_at !== null && row.expires_at <= now)) return null;
    if (row.creator_disabled !== 0) return null;
    const role = storedRole(row.role);
    const creatorRole = storedRole(row.creator_role);
    if (!role || !creatorRole) return null;
    if (row.last_used_at === null || now - row.last_used_at >= TOUCH_INTERVAL_MS) {
      await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return {
      id: row.id,
      name: row.name,
      role: effectiveTokenRole(role, creatorRole),
      createdBy: row.created_by,
    };
  }
}
