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

interface Opts {
  users?: number;
  gate?: LoginGate;
  managed?: boolean;
  /** What the machine refuses, by tool call. */
  machineFails?: boolean;
  /** createFirstAdmin loses a race to another setup. */
  adminTaken?: boolean;
}

/** Stands for createFirstAdmin's transaction: the settings must be written in this one. */
const TX = Symbol('the admin transaction') as never;

function setup(opts: Opts = {}) {
  const failures: string[] = [];
  const created: string[] = [];
  /** Everything that happened, in order: admin rows, settings writes (and in which transaction), machine calls. */
  const events: string[] = [];
  const code = new SetupCode();
  const service = new SetupService({
    code,
    users: {
      count: () => Promise.resolve(opts.users ?? 0),
      createFirstAdmin: async (username, _password, alsoInTx) => {
        if (opts.adminTaken) throw new Error('setup is already done');
        created.push(username);
        events.push(`admin ${username}`);
        await alsoInTx?.(TX);
        events.push('commit');
        return { ...admin, username };
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
    settings: {
      writeIn: (tx, patch) => {
        events.push(`settings in ${tx === TX ? 'the-tx' : 'another tx'}: ${JSON.stringify(patch)}`);
        return Promise.resolve();
      },
    },
    machine: {
      managed: opts.managed ?? false,
      hostname: () => 'debian',
      setHostname: (name) => {
        events.push(`hostnamectl ${name}`);
        return opts.machineFails
          ? Promise.reject(new Error('hostnamectl failed: access denied'))
          : Promise.resolve();
      },
      setTimezone: (zone) => {
        events.push(`timedatectl ${zone}`);
        return Promise.resolve();
      },
    },
  });
  return { service, code, failures, created, events };
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

  const wizard = {
    hostname: 'nas',
    timezone: 'Europe/Berlin',
    appDataRoot: '/data/apps',
    tls: { mode: 'internal' as const },
  };

  it("stores the wizard's settings in the admin's transaction", async () => {
    const { service, events } = setup();
    const issued = (await service.issueIfNeeded()) ?? '';
    const { hostname: _h, ...rest } = wizard;
    expect(await service.setup({ ...body(issued), ...rest }, client)).toMatchObject({
      kind: 'ok',
      host: { applied: [], failed: [] },
    });
    expect(events).toEqual([
      'admin admin',
      'settings in the-tx: {"appDataRoot":"/data/apps","timezone":"Europe/Berlin","tls":{"mode":"internal"}}',
      'commit',
    ]);
  });

  it('refuses a new hostname it may not set, before anything is written, and keeps the code', async () => {
    const { service, code, events, failures } = setup({ managed: false });
    const issued = (await service.issueIfNeeded()) ?? '';
    expect(await service.setup({ ...body(issued), ...wizard }, client)).toEqual({ kind: 'host-not-managed' });
    expect(events).toEqual([]);
    expect(failures).toEqual([]);
    expect(code.pending).toBe(true);
    // The machine's own name is no change: accepted, and nothing runs.
    expect(await service.setup({ ...body(issued), ...wizard, hostname: 'debian' }, client)).toMatchObject({
      kind: 'ok',
    });
    expect(events.filter((e) => e.startsWith('hostnamectl') || e.startsWith('timedatectl'))).toEqual([]);
  });

  it('changes the machine only after the admin and settings are stored, when it manages it', async () => {
    const { service, events } = setup({ managed: true });
    const issued = (await service.issueIfNeeded()) ?? '';
    expect(await service.setup({ ...body(issued), ...wizard }, client)).toMatchObject({
      kind: 'ok',
      host: { applied: ['hostname', 'timezone'], failed: [] },
    });
    expect(events.slice(-3)).toEqual(['commit', 'hostnamectl nas', 'timedatectl Europe/Berlin']);
  });

  it('leaves the machine alone when creating the admin fails', async () => {
    const { service, events } = setup({ managed: true, adminTaken: true });
    const issued = (await service.issueIfNeeded()) ?? '';
    await expect(service.setup({ ...body(issued), ...wizard }, client)).rejects.toThrow(/already done/);
    expect(events).toEqual([]);
  });

  it('reports what the machine refused, and still sets up the admin and the rest', async () => {
    const { service, events } = setup({ managed: true, machineFails: true });
    const issued = (await service.issueIfNeeded()) ?? '';
    expect(await service.setup({ ...body(issued), ...wizard }, client)).toMatchObject({
      kind: 'ok',
      host: {
        applied: ['timezone'],
        failed: [{ field: 'hostname', message: 'hostnamectl failed: access denied' }],
      },
    });
    expect(events).toContain('timedatectl Europe/Berlin');
  });
});
