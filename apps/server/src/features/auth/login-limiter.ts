import type { Db } from '../../db/database.js';
import type { LoginFailuresTable } from '../../db/schema.js';

export interface LoginLimiterOptions {
  /** Failed sign-ins for one username before it is locked. */
  maxFailures: number;
  /** Failed sign-ins from one IP before it is locked; larger, since a household or office shares one. */
  ipMaxFailures: number;
  lockoutMs: number;
  /** Bound on remembered usernames and on remembered IPs, so a spray of junk cannot fill the disk. */
  maxEntries?: number;
  now?: () => number;
}

export type LoginGate = { allowed: true } | { allowed: false; retryAfterMs: number };

type Scope = 'user' | 'ip';

/**
 * Failure counts with lockout for one kind of key (usernames or IPs), kept in SQLite so that
 * restarting the daemon does not hand an attacker a fresh set of guesses.
 */
class FailureCounter {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly limit: number,
    private readonly lockoutMs: number,
    private readonly maxEntries: number,
  ) {}

  async lockedFor(key: string, now: number): Promise<number> {
    const e = await this.db
      .selectFrom('login_failures')
      .select('locked_until')
      .where('scope', '=', this.scope)
      .where('key', '=', key)
      .executeTakeFirst();
    return e && e.locked_until > now ? e.locked_until - now : 0;
  }

  async fail(key: string, now: number): Promise<void> {
    // Read and write in one transaction, so two failures at once both count.
    await this.db.transaction().execute(async (tx) => {
      const previous = await tx
        .selectFrom('login_failures')
        .selectAll()
        .where('scope', '=', this.scope)
        .where('key', '=', key)
        .executeTakeFirst();
      // Failures spread further apart than a lockout period are not an attack; forget them.
      const stale = !previous || this.#isStale(previous, now);
      const failures = (stale ? 0 : previous.failures) + 1;
      const next =
        failures >= this.limit
          ? { failures: 0, last_failure_at: now, locked_until: now + this.lockoutMs }
          : { failures, last_failure_at: now, locked_until: previous?.locked_until ?? 0 };
      if (!previous) await this.#makeRoom(tx, now);
      await tx
        .insertInto('login_failures')
        .values({ scope: this.scope, key, ...next })
        .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet(next))
        .execute();
    });
  }

  async reset(key: string): Promise<void> {
    await this.db
      .deleteFrom('login_failures')
      .where('scope', '=', this.scope)
      .where('key', '=', key)
      .execute();
  }

  async size(db: Pick<Db, 'selectFrom'> = this.db): Promise<number> {
    const { n } = await db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('scope', '=', this.scope)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  #isStale(e: LoginFailuresTable, now: number): boolean {
    return e.locked_until <= now && now - e.last_failure_at >= this.lockoutMs;
  }

  /**
   * Keeps the table under its bound: stale entries go first, then the oldest unlocked ones, so a
   * flood of junk names cannot unlock a target; only if every entry is locked does the oldest lock go.
   */
  async #makeRoom(tx: Db, now: number): Promise<void> {
    if ((await this.size(tx)) < this.maxEntries) return;
    await tx
      .deleteFrom('login_failures')
      .where('scope', '=', this.scope)
      .where('locked_until', '<=', now)
      .where('last_failure_at', '<=', now - this.lockoutMs)
      .execute();
    for (const unlockedOnly of [true, false]) {
      const excess = (await this.size(tx)) - this.maxEntries + 1;
      if (excess <= 0) return;
      let oldest = tx
        .selectFrom('login_failures')
        .select('key')
        .where('scope', '=', this.scope)
        .orderBy('last_failure_at')
        .limit(excess);
      if (unlockedOnly) oldest = oldest.where('locked_until', '<=', now);
      const keys = (await oldest.execute()).map((r) => r.key);
      if (keys.length === 0) continue;
      await tx
        .deleteFrom('login_failures')
        .where('scope', '=', this.scope)
        .where('key', 'in', keys)
        .execute();
    }
  }
}

/**
 * Counts failed sign-ins per username (case-insensitive) and per IP, and locks either out for a
 * while once it reaches its limit — even for the right password, or a lockout would only slow
 * guessing down instead of stopping it. Wrong setup codes count against the IP alone.
 */
export class LoginLimiter {
  readonly #byUser: FailureCounter;
  readonly #byIp: FailureCounter;
  readonly #now: () => number;

  constructor(db: Db, opts: LoginLimiterOptions) {
    const max = opts.maxEntries ?? 10_000;
    this.#byUser = new FailureCounter(db, 'user', opts.maxFailures, opts.lockoutMs, max);
    this.#byIp = new FailureCounter(db, 'ip', opts.ipMaxFailures, opts.lockoutMs, max);
    this.#now = opts.now ?? Date.now;
  }

  async check(username: string, ip: string): Promise<LoginGate> {
    const now = this.#now();
    const wait = Math.max(
      await this.#byUser.lockedFor(username.toLowerCase(), now),
      await this.#byIp.lockedFor(ip, now),
    );
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
  }

  /** The gate for an attempt that names no user, such as entering the setup code. */
  async checkIp(ip: string): Promise<LoginGate> {
    const wait = await this.#byIp.lockedFor(ip, this.#now());
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const now = this.#now();
    await this.#byUser.fail(username.toLowerCase(), now);
    await this.#byIp.fail(ip, now);
  }

  async recordIpFailure(ip: string): Promise<void> {
    await this.#byIp.fail(ip, this.#now());
  }

  /** A correct password clears the username's count; the IP's stays, as it may be guessing other users. */
  async recordSuccess(username: string): Promise<void> {
    await this.#byUser.reset(username.toLowerCase());
  }

  /** How many usernames and IPs are remembered (for tests and metrics). */
  async size(): Promise<{ users: number; ips: number }> {
    return { users: await this.#byUser.size(), ips: await this.#byIp.size() };
  }
}
