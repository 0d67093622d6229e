import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.js';
import type { UsersTable } from '../../db/schema.js';
import { LoginLimiter } from './login-limiter.js';
import type { PasswordHasher } from './password-hasher.js';
import { SignInService } from './sign-in.service.js';

/** Stores `hash:<password>` and records which stored values were checked. */
function fakeHasher() {
  const verified: string[] = [];
  const hasher: PasswordHasher = {
    hash: (pw) => Promise.resolve(`hash:${pw}`),
    verify: (pw, stored) => {
      verified.push(stored);
      return Promise.resolve(stored === `hash:${pw}`);
    },
  };
  return { hasher, verified };
}

function row(overrides: Partial<UsersTable> = {}): UsersTable {
  return {
    id: 'u1',
    username: 'alice',
    password_hash: 'hash:right-password',
    role: 'operator',
    disabled: 0,
    created_at: 1,
    updated_at: 1,
    last_login_at: null,
    ...overrides,
  };
}

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

async function setup(user: UsersTable | null = row()) {
  const { hasher, verified } = fakeHasher();
  const created: string[] = [];
  const { db, close } = await openDatabase(':memory:');
  opened.push(close);
  const limiter = new LoginLimiter(db, {
    maxFailures: 2,
    ipMaxFailures: 8,
    lockoutMs: 60_000,
    now: () => 1_000_000,
  });
  const service = new SignInService({
    hasher,
    limiter,
    users: {
      findForSignIn: (name) => Promise.resolve(user && name.toLowerCase() === user.username ? user : null),
      markSignedIn: () => Promise.resolve(42),
    },
    sessions: {
      create: (userId) => {
        created.push(userId);
        return Promise.resolve({ token: 'tok', sessionId: 'sid', csrfToken: 'csrf', expiresAt: 99 });
      },
    },
  });
  return { service, verified, created };
}

const client = { ip: '10.0.0.1', userAgent: 'test' };

describe('SignInService', () => {
  it('opens a session for the right password and never returns the hash', async () => {
    const { service, created } = await setup();
    const result = await service.signIn('alice', 'right-password', client);
    expect(result).toMatchObject({
      kind: 'ok',
      user: { id: 'u1', role: 'operator', lastLoginAt: 42 },
      session: { csrfToken: 'csrf' },
    });
    expect(JSON.stringify(result)).not.toContain('hash:');
    expect(created).toEqual(['u1']);
  });

  it('answers the same for a wrong password and an unknown user, hashing in both cases', async () => {
    const { service, verified } = await setup();
    await service.warmUp();
    expect(await service.signIn('alice', 'wrong', client)).toEqual({ kind: 'invalid' });
    expect(await service.signIn('mallory', 'wrong', { ...client, ip: '10.0.0.2' })).toEqual({
      kind: 'invalid',
    });
    expect(verified).toHaveLength(2);
    expect(verified[1]).toMatch(/^hash:/);
    expect(verified[1]).not.toBe(verified[0]);
  });

  it('refuses even the right password while the username is locked', async () => {
    const { service, created } = await setup();
    await service.signIn('alice', 'wrong', client);
    await service.signIn('ALICE', 'wrong', client);
    const result = await service.signIn('alice', 'right-password', client);
    expect(result).toEqual({ kind: 'locked', retryAfterMs: 60_000 });
    expect(created).toEqual([]);
  });

  it('tells a disabled user with the right password apart, without a session', async () => {
    const { service, created } = await setup(row({ disabled: 1 }));
    expect(await service.signIn('alice', 'right-password', client)).toMatchObject({ kind: 'disabled' });
    expect(await service.signIn('alice', 'wrong', client)).toEqual({ kind: 'invalid' });
    expect(created).toEqual([]);
  });
});
