export interface LoginLimiterOptions {
  /** Failed sign-ins for one username before it is locked. */
  maxFailures: number;
  /** Failed sign-ins from one IP before it is locked; larger, since a household or office shares one. */
  ipMaxFailures: number;
  lockoutMs: number;
  /** Bound on remembered usernames and on remembered IPs, so a spray of junk cannot exhaust memory. */
  maxEntries?: number;
  now?: () => number;
}

export type LoginGate = { allowed: true } | { allowed: false; retryAfterMs: number };

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

/** Failure counts with lockout for one kind of key (usernames or IPs). */
class FailureCounter {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly limit: number,
    private readonly lockoutMs: number,
    private readonly maxEntries: number,
  ) {}

  lockedFor(key: string, now: number): number {
    const e = this.#entries.get(key);
    return e && e.lockedUntil > now ? e.lockedUntil - now : 0;
  }

  fail(key: string, now: number): void {
    const previous = this.#entries.get(key);
    // Failures spread further apart than a lockout period are not an attack; forget them.
    const stale =
      !previous || (previous.lockedUntil <= now && now - previous.lastFailureAt >= this.lockoutMs);
    const failures = (stale ? 0 : previous.failures) + 1;
    const entry: Entry =
      failures >= this.limit
        ? { failures: 0, lastFailureAt: now, lockedUntil: now + this.lockoutMs }
        : { failures, lastFailureAt: now, lockedUntil: previous?.lockedUntil ?? 0 };
    // Re-inserting keeps the map in least-recently-failed order for eviction.
    this.#entries.delete(key);
    this.#makeRoom(now);
    this.#entries.set(key, entry);
  }

  reset(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  #makeRoom(now: number): void {
    if (this.#entries.size < this.maxEntries) return;
    for (const [key, e] of this.#entries) {
      if (e.lockedUntil <= now && now - e.lastFailureAt >= this.lockoutMs) this.#entries.delete(key);
    }
    // Still full: drop the oldest entry that is not locked, so a flood cannot unlock a target; only
    // if every entry is locked does the oldest lock go.
    for (const [key, e] of this.#entries) {
      if (this.#entries.size < this.maxEntries) return;
      if (e.lockedUntil <= now) this.#entries.delete(key);
    }
    const oldest = this.#entries.keys().next();
    if (this.#entries.size >= this.maxEntries && !oldest.done) this.#entries.delete(oldest.value);
  }
}

/**
 * Counts failed sign-ins per username (case-insensitive) and per IP, in memory, and locks either
 * out for a while once it reaches its limit — even for the right password, or a lockout would only
 * slow guessing down instead of stopping it.
 */
export class LoginLimiter {
  readonly #byUser: FailureCounter;
  readonly #byIp: FailureCounter;
  readonly #now: () => number;

  constructor(opts: LoginLimiterOptions) {
    const max = opts.maxEntries ?? 10_000;
    this.#byUser = new FailureCounter(opts.maxFailures, opts.lockoutMs, max);
    this.#byIp = new FailureCounter(opts.ipMaxFailures, opts.lockoutMs, max);
    this.#now = opts.now ?? Date.now;
  }

  check(username: string, ip: string): LoginGate {
    const now = this.#now();
    const wait = Math.max(this.#byUser.lockedFor(username.toLowerCase(), now), this.#byIp.lockedFor(ip, now));
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
  }

  recordFailure(username: string, ip: string): void {
    const now = this.#now();
    this.#byUser.fail(username.toLowerCase(), now);
    this.#byIp.fail(ip, now);
  }

  /** A correct password clears the username's count; the IP's stays, as it may be guessing other users. */
  recordSuccess(username: string): void {
    this.#byUser.reset(username.toLowerCase());
  }

  /** How many usernames and IPs are remembered (for tests and metrics). */
  get size(): { users: number; ips: number } {
    return { users: this.#byUser.size, ips: this.#byIp.size };
  }
}
