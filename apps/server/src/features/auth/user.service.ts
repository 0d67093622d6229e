import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Role, User, UserCreateRequest, UserUpdateRequest } from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import type { Database, UsersTable } from '../../db/schema.js';
import { conflict, notFound } from '../../http/http-errors.js';
import type { PasswordHasher } from './password-hasher.js';
import type { SessionStore } from './session-store.js';
import { toUser } from './user-row.js';

type Tx = Transaction<Database>;

/** Who asks for an update: their own session survives a change of their own password. */
export interface UpdateCaller {
  userId?: string | null;
  sessionId?: string | undefined;
}

export interface UserUpdate {
  user: User;
  /** API tokens revoked because an admin set this user's password. */
  revokedTokens: Array<{ id: string; name: string }>;
}

const lastAdmin = (username: string) =>
  conflict(`${username} is the last active admin; make another user an admin first`);

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Users and their roles. Checks that span rows (the first admin, the last admin, a free username)
 * run inside one transaction with the write, so two concurrent requests cannot both pass them.
 */
export class UserService {
  constructor(
    private readonly db: Db,
    private readonly hasher: PasswordHasher,
    private readonly sessions: Pick<SessionStore, 'deleteForUser'>,
    private readonly now: () => number = Date.now,
  ) {}

  async count(): Promise<number> {
    const { n } = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return rows.map(toUser);
  }

  async get(id: string): Promise<User> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`no user ${id}`);
    return toUser(row);
  }

  /** The row a sign-in checks the password against; usernames match case-insensitively. */
  async findForSignIn(username: string): Promise<UsersTable | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      // The same collation as the unique index, so SQLite answers from it.
      .where(sql<boolean>`username = ${username} COLLATE NOCASE`)
      .executeTakeFirst();
    return row ?? null;
  }

  /** Records a sign-in; returns its time. */
  async markSignedIn(id: string): Promise<number> {
    const at = this.now();
    await this.db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
    return at;
  }

  /**
   * Creates the first admin; 409 once any user exists, so setup cannot be replayed to take over.
   * `alsoInTx` writes what belongs with it (the wizard's settings) in the same transaction: both are
   * stored, or neither.
   */
  async createFirstAdmin(
    username: string,
    password: string,
    alsoInTx?: (tx: Tx) => Promise<void>,
  ): Promise<User> {
    const row = this.#newRow(username, await this.hasher.hash(password), 'admin');
    await this.db.transaction().execute(async (tx) => {
      if ((await this.#countIn(tx)) > 0) throw conflict('setup is already done; sign in instead');
      await tx.insertInto('users').values(row).execute();
      await alsoInTx?.(tx);
    });
    return toUser(row);
  }

  async create(input: UserCreateRequest): Promise<User> {
    const row = this.#newRow(input.username, await this.hasher.hash(input.password), input.role);
    try {
      await this.db.insertInto('users').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`the username ${input.username} is taken`, 'username');
      throw err;
    }
    return toUser(row);
  }

  /**
   * Changes role, password or disabled. Disabling a user or setting their password ends their
   * sessions (except the caller's own when they change their own password). Setting another user's
   * password is how an admin answers a compromise, so it also revokes the API tokens that user made.
   */
  async update(id: string, patch: UserUpdateRequest, by: UpdateCaller = {}): Promise<UserUpdate> {
    const passwordHash = patch.password === undefined ? undefined : await this.hasher.hash(patch.password);
    const resetByOther = passwordHash !== undefined && by.userId !== id;
    const updated = await this.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound(`no user ${id}`);
      const losesAdmin = (patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true;
      if (losesAdmin && (await this.#isLastActiveAdmin(tx, row))) throw lastAdmin(row.username);
      const changes = {
        updated_at: this.now(),
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.disabled !== undefined && { disabled: patch.disabled ? 1 : 0 }),
        ...(passwordHash !== undefined && { password_hash: passwordHash }),
      };
      await tx.updateTable('users').set(changes).where('id', '=', id).execute();
      // In the same transaction as the new password: no moment where it is set but the tokens live.
      const revokedTokens = resetByOther
        ? await tx.deleteFrom('api_tokens').where('created_by', '=', id).returning(['id', 'name']).execute()
        : [];
      return { row: { ...row, ...changes }, revokedTokens };
    });
    if (patch.disabled === true || resetByOther) await this.sessions.deleteForUser(id);
    else if (passwordHash !== undefined) await this.sessions.deleteForUser(id, by.sessionId);
    return { user: toUser(updated.row), revokedTokens: updated.revokedTokens };
  }

  /** Deletes a user; their sessions and the API tokens they created go with them. */
  async delete(id: string): Promise<User> {
    const deleted = await this.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound(`no user ${id}`);
      if (await this.#isLastActiveAdmin(tx, row)) throw lastAdmin(row.username);
      await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await tx.deleteFrom('api_tokens').where('created_by', '=', id).execute();
      await tx.deleteFrom('users').where('id', '=', id).execute();
      return row;
    });
    return toUser(deleted);
  }

  async #isLastActiveAdmin(tx: Tx, row: UsersTable): Promise<boolean> {
    if (row.role !== 'admin' || row.disabled !== 0) return false;
    const { n } = await tx
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(n) <= 1;
  }

  async #countIn(tx: Tx): Promise<number> {
    const { n } = await tx
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  #newRow(username: string, passwordHash: string, role: Role): UsersTable {
    const now = this.now();
    return {
      id: randomUUID(),
      username,
      password_hash: passwordHash,
      role,
      disabled: 0,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    };
  }
}
