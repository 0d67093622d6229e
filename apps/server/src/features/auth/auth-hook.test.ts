import { describe, expect, it } from 'vitest';
import type { Principal } from '../../http/principal.js';
import { accessOf, authenticateUpgrade, authorize } from './auth-hook.js';
import type { Authenticated, Authenticator } from './authenticator.js';

const as = (role: Principal['role']): Authenticated => ({
  principal: { via: 'token', userId: null, name: `token:${role}`, role, tokenId: role },
  session: null,
});

describe('accessOf', () => {
  it('uses the declared access', () => {
    expect(accessOf('/api/users', 'admin')).toBe('admin');
    expect(accessOf('/api/auth/login', 'public')).toBe('public');
  });

  it('fails closed for an /api route without one, but leaves docs and non-API paths alone', () => {
    expect(accessOf('/api/forgotten', undefined)).toBe('admin');
    expect(accessOf('/api/docs/static/index.html', undefined)).toBe('public');
    expect(accessOf('/assets/app.js', undefined)).toBeNull();
    expect(accessOf(undefined, undefined)).toBeNull();
  });
});

describe('authorize', () => {
  it('lets anyone through a public route', () => {
    expect(authorize(null, 'public')).toBeNull();
    expect(authorize(as('viewer'), 'public')?.role).toBe('viewer');
  });

  it('answers 401 without a principal', () => {
    expect(() => authorize(null, 'viewer')).toThrow(
      expect.objectContaining({ statusCode: 401, code: 'unauthorized' }),
    );
  });

  it('answers 403 below the required rank and passes at or above it', () => {
    expect(() => authorize(as('viewer'), 'operator')).toThrow(
      expect.objectContaining({ statusCode: 403, code: 'forbidden' }),
    );
    expect(() => authorize(as('operator'), 'admin')).toThrow(expect.objectContaining({ statusCode: 403 }));
    expect(authorize(as('operator'), 'operator')?.role).toBe('operator');
    expect(authorize(as('admin'), 'viewer')?.role).toBe('admin');
  });
});

describe('authenticateUpgrade', () => {
  const viewerOnly: Authenticator = {
    authenticate: (h) => Promise.resolve(h.authorization === 'Bearer hm_v' ? as('viewer') : null),
  };
  const opts = { access: 'viewer' as const, allowedOrigins: [] };

  it('passes a credentialed handshake from the same origin or without one', async () => {
    const headers = { authorization: 'Bearer hm_v', host: 'hm.local', origin: 'http://hm.local' };
    expect(await authenticateUpgrade(viewerOnly, { headers }, opts)).toMatchObject({
      ok: true,
      principal: { role: 'viewer' },
    });
    expect(
      (await authenticateUpgrade(viewerOnly, { headers: { authorization: 'Bearer hm_v' } }, opts)).ok,
    ).toBe(true);
  });

  it('refuses a foreign origin before looking at credentials', async () => {
    const headers = { authorization: 'Bearer hm_v', host: 'hm.local', origin: 'https://evil.example' };
    expect(await authenticateUpgrade(viewerOnly, { headers }, opts)).toMatchObject({
      ok: false,
      statusCode: 403,
    });
  });

  it('refuses missing credentials and too low a role', async () => {
    expect(await authenticateUpgrade(viewerOnly, { headers: {} }, opts)).toMatchObject({
      ok: false,
      statusCode: 401,
    });
    const admin = { ...opts, access: 'admin' as const };
    const check = await authenticateUpgrade(viewerOnly, { headers: { authorization: 'Bearer hm_v' } }, admin);
    expect(check).toMatchObject({ ok: false, statusCode: 403, error: 'forbidden' });
  });
});
