import { describe, expect, it } from 'vitest';
import type { User } from '@harbourmaster/contracts';
import { SetupCode } from './setup-code.js';
import { SetupService } from './setup.service.js';
import type { LoginGate } from './login-limiter.js';

const admin: User = {
  id: 'u1',
  username: 'admin',
  role: 'admin',
  disabled: false,
  createdAt: 1,
  updatedAt: 1,
  lastLoginAt: null,
};

function setup(opts: { users?: number; gate?: LoginGate } = {}) {
  const failures: string[] = [];
  const created: string[] = [];
  const code = new SetupCode();
  const service = new SetupService({
    code,
    users: {
      count: () => Promise.resolve(opts.users ?? 0),
      createFirstAdmin: (username) => {
        created.push(username);
        return Promise.resolve({ ...admin, username });
      },
      markSignedIn: () => Promise.resolve(42),
    },
    sessions: {
      create: () => Promise.resolve({ token: 'tok', sessionId: 'sid', csrfToken: 'csrf', expiresAt: 99 }),
    },
    limiter: {
      checkIp: () => Promise.resolve(opts.gate ?? { allowed: true }),
      recordIpFailure: (ip) => {
        failures.push(ip);
        return Promise.resolve();
      },
    },
  });
  return { service, code, failures, created };
}

const client = { ip: '10.0.0.1', userAgent: 'test' };
const body = (setupCode: string) => ({ username: 'admin', password: 'long enough pw', setupCode });

describe('SetupService', () => {
  it('issues a code only while no user exists', async () => {
    expect(await setup({ users: 1 }).service.issueIfNeeded()).toBeNull();
    const { service, code } = setup();
    const issued = await service.issueIfNeeded();
    expect(issued && code.matches(issued)).toBe(true);
  });

  it('creates the first admin with the right code, then spends it', async () => {
    const { service, created } = setup();
    const issued = (await service.issueIfNeeded()) ?? '';
    expect(await service.setup(body(issued), client)).toMatchObject({
      kind: 'ok',
      user: { username: 'admin', lastLoginAt: 42 },
      session: { csrfToken: 'csrf' },
    });
    expect(await service.setup(body(issued), client)).toEqual({ kind: 'done' });
    expect(created).toEqual(['admin']);
  });

  it('refuses a wrong code and counts it against the address', async () => {
    const { service, failures, created } = setup();
    const issued = (await service.issueIfNeeded()) ?? '';
    const wrong = issued.startsWith('0') ? '1111-1111-1111' : '0000-0000-0000';
    expect(await service.setup(body(wrong), client)).toEqual({ kind: 'wrong-code' });
    expect(failures).toEqual(['10.0.0.1']);
    expect(created).toEqual([]);
  });

  it('refuses even the right code from a locked address, without counting again', async () => {
    const { service, failures, created } = setup({ gate: { allowed: false, retryAfterMs: 5000 } });
    const issued = (await service.issueIfNeeded()) ?? '';
    expect(await service.setup(body(issued), client)).toEqual({ kind: 'locked', retryAfterMs: 5000 });
    expect(failures).toEqual([]);
    expect(created).toEqual([]);
  });

  it('has nothing to set up when the daemon started with users', async () => {
    const { service, created } = setup({ users: 1 });
    await service.issueIfNeeded();
    expect(await service.setup(body('0000-0000-0000'), client)).toEqual({ kind: 'done' });
    expect(created).toEqual([]);
  });
});
