import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.js';

function limiter(opts: { maxEntries?: number } = {}) {
  let now = 1_000_000;
  const l = new LoginLimiter({
    maxFailures: 3,
    ipMaxFailures: 5,
    lockoutMs: 60_000,
    now: () => now,
    ...opts,
  });
  return { l, advance: (ms: number) => (now += ms) };
}

describe('LoginLimiter', () => {
  it('locks a username after maxFailures, for lockoutMs', () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 2; i++) l.recordFailure('alice', `10.0.0.${i}`);
    expect(l.check('alice', '10.0.0.9')).toEqual({ allowed: true });
    l.recordFailure('alice', '10.0.0.3');
    expect(l.check('alice', '10.0.0.9')).toEqual({ allowed: false, retryAfterMs: 60_000 });
    advance(59_999);
    expect(l.check('alice', '10.0.0.9').allowed).toBe(false);
    advance(1);
    expect(l.check('alice', '10.0.0.9').allowed).toBe(true);
  });

  it('counts usernames case-insensitively', () => {
    const { l } = limiter();
    l.recordFailure('Alice', '1.1.1.1');
    l.recordFailure('ALICE', '1.1.1.2');
    l.recordFailure('alice', '1.1.1.3');
    expect(l.check('aLiCe', '2.2.2.2').allowed).toBe(false);
  });

  it('locks an IP after its own, larger limit, whatever usernames it tries', () => {
    const { l } = limiter();
    for (let i = 0; i < 4; i++) l.recordFailure(`user${i}`, '6.6.6.6');
    expect(l.check('someone', '6.6.6.6').allowed).toBe(true);
    l.recordFailure('user4', '6.6.6.6');
    expect(l.check('someone', '6.6.6.6').allowed).toBe(false);
    expect(l.check('someone', '7.7.7.7').allowed).toBe(true);
  });

  it('forgets the username count on success, not the IP count', () => {
    const { l } = limiter();
    l.recordFailure('bob', '1.1.1.1');
    l.recordFailure('bob', '1.1.1.1');
    l.recordSuccess('BOB');
    l.recordFailure('bob', '1.1.1.1');
    l.recordFailure('bob', '1.1.1.1');
    expect(l.check('bob', '2.2.2.2').allowed).toBe(true);
    l.recordFailure('carol', '1.1.1.1');
    expect(l.check('dave', '1.1.1.1').allowed).toBe(false);
  });

  it('forgets failures spread further apart than a lockout period', () => {
    const { l, advance } = limiter();
    l.recordFailure('erin', '1.1.1.1');
    l.recordFailure('erin', '1.1.1.2');
    advance(60_000);
    l.recordFailure('erin', '1.1.1.3');
    expect(l.check('erin', '9.9.9.9').allowed).toBe(true);
  });

  it('stays bounded and keeps a lock while a flood of other names passes through', () => {
    const { l } = limiter({ maxEntries: 50 });
    for (let i = 0; i < 3; i++) l.recordFailure('target', `10.0.${i}.1`);
    for (let i = 0; i < 1000; i++) l.recordFailure(`junk${i}`, `10.1.${i >> 8}.${i & 255}`);
    expect(l.size.users).toBeLessThanOrEqual(50);
    expect(l.size.ips).toBeLessThanOrEqual(50);
    expect(l.check('target', '192.168.1.1').allowed).toBe(false);
  });
});
