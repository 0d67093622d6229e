import type { User } from '@harbourmaster/contracts';
import type { LoginLimiter } from './login-limiter.js';
import type { PasswordHasher } from './password-hasher.js';
import { randomToken } from './secret-token.js';
import type { NewSession, SessionStore } from './session-store.js';
import type { UserService } from './user.service.js';
import { storedRole, toUser } from './user-row.js';

export type SignInResult =
  | { kind: 'ok'; user: User; session: NewSession }
  | { kind: 'invalid' }
  | { kind: 'locked'; retryAfterMs: number }
  /** The password was right but the account is disabled (or has a role this build does not know). */
  | { kind: 'disabled'; user: User | null };

export interface SignInDeps {
  users: Pick<UserService, 'findForSignIn' | 'markSignedIn'>;
  sessions: Pick<SessionStore, 'create'>;
  hasher: PasswordHasher;
  limiter: Pick<LoginLimiter, 'check' | 'recordFailure' | 'recordSuccess'>;
}

/** Checks a username and password against the lockout and the stored hash, and opens a session. */
export class SignInService {
  #dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: SignInDeps) {}

  /**
   * Computes the hash an unknown username is checked against, so the first such sign-in is not
   * slower than the others (which would tell an attacker the name does not exist).
   */
  async warmUp(): Promise<void> {
    await this.#dummy();
  }

  async signIn(
    username: string,
    password: string,
    client: { ip: string; userAgent: string | null },
  ): Promise<SignInResult> {
    const { users, sessions, hasher, limiter } = this.deps;
    const gate = await limiter.check(username, client.ip);
    if (!gate.allowed) return { kind: 'locked', retryAfterMs: gate.retryAfterMs };
    const row = await users.findForSignIn(username);
    // An unknown user costs the same hash as a known one, so response time does not reveal which.
    const passwordOk = await hasher.verify(password, row?.password_hash ?? (await this.#dummy()));
    if (!row || !passwordOk) {
      await limiter.recordFailure(username, client.ip);
      return { kind: 'invalid' };
    }
    await limiter.recordSuccess(username);
    if (row.disabled !== 0 || !storedRole(row.role)) {
      return { kind: 'disabled', user: storedRole(row.role) ? toUser(row) : null };
    }
    const session = await sessions.create(row.id, { ip: client.ip, userAgent: client.userAgent });
    const signedInAt = await users.markSignedIn(row.id);
    return { kind: 'ok', user: toUser({ ...row, last_login_at: signedInAt }), session };
  }

  #dummy(): Promise<string> {
    this.#dummyHash ??= this.deps.hasher.hash(randomToken());
    return this.#dummyHash;
  }
}
