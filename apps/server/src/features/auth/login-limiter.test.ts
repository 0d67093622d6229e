import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { LoginLimiter } from './login-limiter.js';

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

async function limiter(opts: { maxEntries?: number; db?: Db } = {}) {
  let now = 1_000_000;
  let db = opts.db;
  if (!db) {
    const o = await openDatabase(':memory:');
    opened.push(o.close);
    db = o.db;
  }
  const make = () =>
    new LoginLimiter(db, {
      maxFailures: 3,
      ipMaxFailures: 5,
      lockoutMs: 60_000,
      now: () => now,
      ...(opts.maxEntries !== undefined && { maxEntries: opts.maxEntries }),
    });
  return { l: make(), db, make, advance: (ms: number) => (now += ms) };
}

describe('LoginLimiter', () => {
  it('locks a username after maxFailures, for lockoutMs', async () => {
    const { l, advance } = await limiter();
    for (let i = 0; i < 2; i++) await l.recordFailure('alice', `10.0.0.${i}`);
    expect(await l.check('alice', '10.0.0.9')).toEqual({ allowed: true });
    await l.recordFailure('alice', '10.0.0.3');
    expect(await l.check('alice', '10.0.0.9')).toEqual({ allowed: false, retryAfterMs: 60_000 });
    advance(59_999);
    expect((await l.check('alice', '10.0.0.9')).allowed).toBe(false);
    advance(1);
    expect((await l.check('alice', '10.0.0.9')).allowed).toBe(true);
  });

  it('counts usernames case-insensitively', async () => {
    const { l } = await limiter();
    await l.recordFailure('Alice', '1.1.1.1');
    await l.recordFailure('ALICE', '1.1.1.2');
    await l.recordFailure('alice', '1.1.1.3');
    expect((await l.check('aLiCe', '2.2.2.2')).allowed).toBe(false);
  });

  it('locks an IP after its own, larger limit, whatever usernames it tries', async () => {
    const { l } = await limiter();
    for (let i = 0; i < 4; i++) await l.recordFailure(`user${i}`, '6.6.6.6');
    expect((await l.check('someone', '6.6.6.6')).allowed).toBe(true);
    await l.recordFailure('user4', '6.6.6.6');
    expect((await l.check('someone', '6.6.6.6')).allowed).toBe(false);
    expect((await l.check('someone', '7.7.7.7')).allowed).toBe(true);
  });

  it('counts failures that name no user (a wrong setup code) against the IP only', async () => {
    const { l } = await limiter();
    for (let i = 0; i < 4; i++) await l.recordIpFailure('6.6.6.7');
    expect(await l.checkIp('6.6.6.7')).toEqual({ allowed: true });
    await l.recordFailure('alice', '6.6.6.7');
    expect(await l.checkIp('6.6.6.7')).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect((await l.check('someone', '6.6.6.7')).allowed).toBe(false);
    expect((await l.check('alice', '7.7.7.7')).allowed).toBe(true);
    expect(await l.size()).toEqual({ users: 1, ips: 1 });
  });

  it('forgets the username count on success, not the IP count', async () => {
    const { l } = await limiter();
    await l.recordFailure('bob', '1.1.1.1');
    await l.recordFailure('bob', '1.1.1.1');
    await l.recordSuccess('BOB');
    await l.recordFailure('bob', '1.1.1.1');
    await l.recordFailure('bob', '1.1.1.1');
    expect((await l.check('bob', '2.2.2.2')).allowed).toBe(true);
    await l.recordFailure('carol', '1.1.1.1');
    expect((await l.check('dave', '1.1.1.1')).allowed).toBe(false);
  });

  it('forgets failures spread further apart than a lockout period', async () => {
    const { l, advance } = await limiter();
    await l.recordFailure('erin', '1.1.1.1');
    await l.recordFailure('erin', '1.1.1.2');
    advance(60_000);
    await l.recordFailure('erin', '1.1.1.3');
    expect((await l.check('erin', '9.9.9.9')).allowed).toBe(true);
  });

  it('counts every one of many failures that arrive at once', async () => {
    const { l } = await limiter();
    await Promise.all([1, 2, 3].map((i) => l.recordFailure('frank', `3.3.3.${i}`)));
    expect((await l.check('frank', '9.9.9.9')).allowed).toBe(false);
  });

  it('keeps counts and locks in the database, so a new limiter (a restart) still refuses', async () => {
    const { l, make, advance } = await limiter();
    for (let i = 0; i < 3; i++) await l.recordFailure('gina', `4.4.4.${i}`);
    await l.recordFailure('hank', '4.4.5.1');
    await l.recordFailure('hank', '4.4.5.2');
    const restarted = make();
    expect(await restarted.check('gina', '8.8.8.8')).toEqual({ allowed: false, retryAfterMs: 60_000 });
    await restarted.recordFailure('hank', '4.4.5.3');
    expect((await restarted.check('hank', '8.8.8.8')).allowed).toBe(false);
    advance(60_000);
    expect((await make().check('gina', '8.8.8.8')).allowed).toBe(true);
  });

  it('stays bounded and keeps a lock while a flood of other names passes through', async () => {
    const { l } = await limiter({ maxEntries: 50 });
    for (let i = 0; i < 3; i++) await l.recordFailure('target', `10.0.${i}.1`);
    for (let i = 0; i < 300; i++) await l.recordFailure(`junk${i}`, `10.1.${i >> 8}.${i & 255}`);
    const size = await l.size();
    expect(size.users).toBeLessThanOrEqual(50);
    expect(size.ips).toBeLessThanOrEqual(50);
    expect((await l.check('target', '192.168.1.1')).allowed).toBe(false);
  });
});
