import { describe, expect, it } from 'vitest';
import { proxyTrust, trustedProxyProblem } from './trusted-proxies.js';

describe('proxyTrust', () => {
  it('trusts every peer, none, or the listed addresses and ranges', () => {
    expect(proxyTrust(true)('198.51.100.1')).toBe(true);
    expect(proxyTrust(false)('127.0.0.1')).toBe(false);
    const trusts = proxyTrust(['loopback', '10.0.0.0/8', '2001:db8::5']);
    expect(trusts('127.0.0.1')).toBe(true);
    expect(trusts('::ffff:127.0.0.1')).toBe(true);
    expect(trusts('::1')).toBe(true);
    expect(trusts('10.20.30.40')).toBe(true);
    expect(trusts('2001:db8::5')).toBe(true);
    expect(trusts('11.0.0.1')).toBe(false);
    expect(trusts('192.168.1.1')).toBe(false);
    expect(trusts(undefined)).toBe(false);
    expect(proxyTrust(['uniquelocal'])('192.168.1.1')).toBe(true);
  });
});

describe('trustedProxyProblem', () => {
  it('accepts addresses, CIDR ranges and named ranges, and says what is wrong otherwise', () => {
    for (const ok of ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback', 'linklocal', 'uniquelocal'])
      expect(trustedProxyProblem(ok)).toBeNull();
    expect(trustedProxyProblem('caddy')).toMatch(/not an address/);
    expect(trustedProxyProblem('10.0.0.0/33')).toMatch(/prefix length outside 0–32/);
    expect(trustedProxyProblem('10.0.0.0/8/1')).toMatch(/not an address/);
  });
});
