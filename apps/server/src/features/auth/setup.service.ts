import type { SetupRequest, User } from '@harbourmaster/contracts';
import type { LoginLimiter } from './login-limiter.js';
import type { SetupCode } from './setup-code.js';
import type { NewSession, SessionStore } from './session-store.js';
import type { UserService } from './user.service.js';

export type SetupResult =
  | { kind: 'ok'; user: User; session: NewSession }
  /** The first admin exists already (or the daemon started with one): there is nothing to set up. */
  | { kind: 'done' }
  | { kind: 'locked'; retryAfterMs: number }
  | { kind: 'wrong-code' };

export interface SetupDeps {
  users: Pick<UserService, 'count' | 'createFirstAdmin' | 'markSignedIn'>;
  sessions: Pick<SessionStore, 'create'>;
  limiter: Pick<LoginLimiter, 'checkIp' | 'recordIpFailure'>;
  code: SetupCode;
}

/** Creates the first admin for whoever holds the setup code the daemon printed at start. */
export class SetupService {
  constructor(private readonly deps: SetupDeps) {}

  /** Issues a setup code if no user exists yet; returns it so the caller can show it to the operator. */
  async issueIfNeeded(): Promise<string | null> {
    return (await this.deps.users.count()) === 0 ? this.deps.code.issue() : null;
  }

  async setup(input: SetupRequest, client: { ip: string; userAgent: string | null }): Promise<SetupResult> {
    const { users, sessions, limiter, code } = this.deps;
    if (!code.pending) return { kind: 'done' };
    // Guesses at the code count against the address like wrong passwords, so 60 bits stay out of reach.
    const gate = await limiter.checkIp(client.ip);
    if (!gate.allowed) return { kind: 'locked', retryAfterMs: gate.retryAfterMs };
    if (!code.matches(input.setupCode)) {
      await limiter.recordIpFailure(client.ip);
      return { kind: 'wrong-code' };
    }
    // createFirstAdmin checks for existing users in its transaction, so two right codes at once
    // still make one admin; the loser gets its 409.
    const user = await users.createFirstAdmin(input.username, input.password);
    code.consume();
    const session = await sessions.create(user.id, client);
    const signedInAt = await users.markSignedIn(user.id);
    return { kind: 'ok', user: { ...user, lastLoginAt: signedInAt }, session };
  }
}
