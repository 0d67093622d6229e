import { describe, expect, it } from 'vitest';
import type { UsersTable } from '../../db/schema.js';
import { createAuthenticator, tokenNameOf } from './authenticator.js';
import type { ActiveSession } from './session-store.js';
import type { ActiveApiToken } from './token-store.js';

const user: UsersTable & { role: 'operator' } = {
  id: 'u1',
  username: 'alice',
  password_hash: 'x',
  role: 'operator',
  disabled: 0,
  created_at: 0,
  updated_at: 0,
  last_login_at: null,
};
const session: ActiveSession = { sessionId: 's1', csrfToken: 'c1', expiresAt: 10, renewed: false, user };
const token: ActiveApiToken = { id: 't1', name: 'ci', role: 'viewer', createdBy: 'u0' };

const auth = createAuthenticator({
  sessions: { resolve: (v) => Promise.resolve(v === 'good-cookie' ? session : null) },
  tokens: { resolve: (v) => Promise.resolve(v === 'hm_good' ? token : null) },
});

describe('createAuthenticator', () => {
  it('resolves a bearer token to a token principal', async () => {
    const a = await auth.authenticate({ authorization: 'Bearer hm_good' });
    expect(a?.principal).toEqual({
      via: 'token',
      userId: 'u0',
      name: 'token:ci',
      role: 'viewer',
      tokenId: 't1',
    });
    expect(a?.session).toBeNull();
    expect(a && tokenNameOf(a.principal)).toBe('ci');
  });

  it('resolves the session cookie to a session principal', async () => {
    const a = await auth.authenticate({ cookie: 'theme=dark; hm_session=good-cookie' });
    expect(a?.principal).toEqual({
      via: 'session',
      userId: 'u1',
      name: 'alice',
      role: 'operator',
      sessionId: 's1',
    });
    expect(a?.session).toMatchObject({ csrfToken: 'c1', token: 'good-cookie' });
  });

  it('judges a request with Authorization by it alone, even if a good cookie rides along', async () => {
    expect(
      await auth.authenticate({ authorization: 'Bearer hm_bad', cookie: 'hm_session=good-cookie' }),
    ).toBeNull();
    expect(
      await auth.authenticate({ authorization: 'Basic abc', cookie: 'hm_session=good-cookie' }),
    ).toBeNull();
  });

  it('returns null without credentials or with unknown ones', async () => {
    expect(await auth.authenticate({})).toBeNull();
    expect(await auth.authenticate({ cookie: 'hm_session=stale' })).toBeNull();
    expect(await auth.authenticate({ cookie: 'other=1' })).toBeNull();
  });
});
