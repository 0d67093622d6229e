import type { HostChanges, SetupRequest, User } from '@harbourmaster/contracts';
import type { HostMachine } from '../../adapters/host/host-machine.js';
import { applyToMachine, isUnmanagedRename } from '../settings/host-changes.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { LoginLimiter } from './login-limiter.js';
import type { SetupCode } from './setup-code.js';
import type { NewSession, SessionStore } from './session-store.js';
import type { UserService } from './user.service.js';

export type SetupResult =
  | { kind: 'ok'; user: User; session: NewSession; host: HostChanges }
  /** The first admin exists already (or the daemon started with one): there is nothing to set up. */
  | { kind: 'done' }
  | { kind: 'locked'; retryAfterMs: number }
  | { kind: 'wrong-code' }
  /** A new hostname was asked for, but the daemon does not manage the machine (HM_MANAGE_HOST). */
  | { kind: 'host-not-managed' };

export interface SetupDeps {
  users: Pick<UserService, 'count' | 'createFirstAdmin' | 'markSignedIn'>;
  sessions: Pick<SessionStore, 'create'>;
  limiter: Pick<LoginLimiter, 'checkIp' | 'recordIpFailure'>;
  code: SetupCode;
  settings: Pick<SettingsStore, 'writeIn'>;
  machine: Pick<HostMachine, 'managed' | 'hostname' | 'setHostname' | 'setTimezone'>;
}

/**
 * Creates the first admin for whoever holds the setup code the daemon printed at start, with what
 * the first-boot wizard chose: the settings are stored in the admin's transaction, and the machine
 * (hostname, time zone) is changed only after that succeeded, and only when the daemon manages it.
 */
export class SetupService {
  constructor(private readonly deps: SetupDeps) {}

  /** Issues a setup code if no user exists yet; returns it so the caller can show it to the operator. */
  async issueIfNeeded(): Promise<string | null> {
    return (await this.deps.users.count()) === 0 ? this.deps.code.issue() : null;
  }

  async setup(input: SetupRequest, client: { ip: string; userAgent: string | null }): Promise<SetupResult> {
    const { users, sessions, limiter, code, settings, machine } = this.deps;
    if (!code.pending) return { kind: 'done' };
    // Guesses at the code count against the address like wrong passwords, so 60 bits stay out of reach.
    const gate = await limiter.checkIp(client.ip);
    if (!gate.allowed) return { kind: 'locked', retryAfterMs: gate.retryAfterMs };
    if (!code.matches(input.setupCode)) {
      await limiter.recordIpFailure(client.ip);
      return { kind: 'wrong-code' };
    }
    // Refused before anything is written, and without spending the code: the person fixes it and goes on.
    if (isUnmanagedRename(machine, input.hostname)) return { kind: 'host-not-managed' };
    const { appDataRoot, timezone, tls } = input;
    // createFirstAdmin checks for existing users in its transaction, so two right codes at once
    // still make one admin; the loser gets its 409.
    const user = await users.createFirstAdmin(input.username, input.password, (tx) =>
      settings.writeIn(tx, { appDataRoot, timezone, tls }),
    );
    code.consume();
    const session = await sessions.create(user.id, client);
    const signedInAt = await users.markSignedIn(user.id);
    const host = await applyToMachine(machine, { hostname: input.hostname, timezone });
    return { kind: 'ok', user: { ...user, lastLoginAt: signedInAt }, session, host };
  }
}
