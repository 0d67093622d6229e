import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  sessionCookieOf,
  TEST_ADMIN,
  type TestApp,
  type TestSession,
} from './support/test-app.js';

let t: TestApp;
let admin: TestSession;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const inject = (opts: InjectOptions) => t.app.inject(opts);

function setCookieHeader(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? raw.join('\n') : String(raw);
}

describe('first-admin setup', () => {
  it('is required until the first user exists, and there is no default password', async () => {
    expect((await inject({ method: 'GET', url: '/api/auth/status' })).json()).toEqual({
      setupRequired: true,
    });
    for (const password of ['admin', 'password', 'harbourmaster']) {
      const res = await inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password },
      });
      expect(res.statusCode).toBe(401);
    }
  });

  it('enforces the password and username policy', async () => {
    const short = await inject({
      method: 'POST',
      url: '/api/auth/setup',
      payload: { username: 'admin', password: 'short', setupCode: t.setupCode() },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ error: 'validation', field: 'body.password' });
    const badName = await inject({
      method: 'POST',
      url: '/api/auth/setup',
      payload: { username: 'a b', password: 'long enough pw', setupCode: t.setupCode() },
    });
    expect(badName.statusCode).toBe(400);
    expect((await inject({ method: 'GET', url: '/api/auth/status' })).json()).toEqual({
      setupRequired: true,
    });
  });

  it('refuses a missing, malformed or wrong setup code, and audits the wrong one', async () => {
    const body = { username: 'mallory', password: 'first to the port' };
    const missing = await inject({ method: 'POST', url: '/api/auth/setup', payload: body });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({
      error: 'validation',
      field: 'body.setupCode',
      message: "body.setupCode: enter the setup code from the daemon's log or console",
    });
    const malformed = await inject({
      method: 'POST',
      url: '/api/auth/setup',
      payload: { ...body, setupCode: '1234' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ field: 'body.setupCode' });

    const wrongCode = t.setupCode().startsWith('0') ? '1111-1111-1111' : '0000-0000-0000';
    const wrong = await inject({
      method: 'POST',
      url: '/api/auth/setup',
      payload: { ...body, setupCode: wrongCode },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual({
      error: 'forbidden',
      field: 'setupCode',
      message: 'wrong setup code: use the code the daemon printed in its log or console when it last started',
    });
    expect((await inject({ method: 'GET', url: '/api/auth/status' })).json()).toEqual({
      setupRequired: true,
    });
    const audit = await t.deps.db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'auth.setup')
      .execute();
    expect(audit).toMatchObject([{ actor: 'mallory', result: 'denied', via: 'anonymous' }]);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toEqual({ reason: 'wrong setup code' });
    expect(JSON.stringify(audit)).not.toContain(t.setupCode());
  });

  it('creates the admin and signs them in, once', async () => {
    const code = t.setupCode();
    admin = await t.setupAdmin();
    expect(admin.user).toMatchObject({ username: TEST_ADMIN.username, role: 'admin', disabled: false });
    expect((await inject({ method: 'GET', url: '/api/auth/status' })).json()).toEqual({
      setupRequired: false,
    });
    // The code is spent: replaying the same request cannot take over.
    const again = await inject({
      method: 'POST',
      url: '/api/auth/setup',
      payload: { username: 'mallory', password: 'take over pw', setupCode: code },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'conflict' });
    const users = await inject({ method: 'GET', url: '/api/users', headers: admin.headers });
    expect(users.json<{ users: unknown[] }>().users).toHaveLength(1);
  });

  it('counts wrong codes against the address, so the code cannot be guessed', async () => {
    // A limit of 1 per username makes 4 per IP.
    const fresh = await createTestApp({ env: { HM_LOGIN_MAX_FAILURES: '1' } });
    try {
      const attempt = (setupCode: string, remoteAddress: string) =>
        fresh.app.inject({
          method: 'POST',
          url: '/api/auth/setup',
          payload: { ...TEST_ADMIN, setupCode },
          remoteAddress,
        });
      const wrongCode = fresh.setupCode().startsWith('0') ? '1111-1111-1111' : '0000-0000-0000';
      for (let i = 0; i < 4; i++) expect((await attempt(wrongCode, '10.9.0.1')).statusCode).toBe(403);
      const locked = await attempt(fresh.setupCode(), '10.9.0.1');
      expect(locked.statusCode).toBe(429);
      expect(locked.json<{ message: string }>().message).toMatch(/^too many wrong setup codes; try again in/);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      // Sign-ins from that address are paused too: the guesser gets no fresh budget there.
      const login = await fresh.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: TEST_ADMIN,
        remoteAddress: '10.9.0.1',
      });
      expect(login.statusCode).toBe(429);
      // The operator, elsewhere, types the code in lower case without dashes, and it works.
      const typed = fresh.setupCode().toLowerCase().replaceAll('-', '');
      expect((await attempt(typed, '10.9.0.2')).statusCode).toBe(201);
    } finally {
      await fresh.close();
    }
  });

  it('prints a new code when the daemon restarts without an admin; the old one is refused', async () => {
    let app = await createTestApp();
    try {
      const before = app.setupCode();
      app = await app.reopen();
      const after = app.setupCode();
      expect(after).not.toBe(before);
      const old = await app.app.inject({
        method: 'POST',
        url: '/api/auth/setup',
        payload: { ...TEST_ADMIN, setupCode: before },
      });
      expect(old.statusCode).toBe(403);
      await app.setupAdmin();
      // With an admin in place, a restart prints no code and setup stays closed.
      app = await app.reopen();
      expect(() => app.setupCode()).toThrow(/no setup code/);
      const late = await app.app.inject({
        method: 'POST',
        url: '/api/auth/setup',
        payload: { username: 'late', password: 'long enough pw', setupCode: after },
      });
      expect(late.statusCode).toBe(409);
    } finally {
      await app.close();
    }
  });
});

describe('sign-in', () => {
  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const wrong = await inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { ...TEST_ADMIN, password: 'wrong password' },
    });
    const unknown = await inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'wrong password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'unauthorized', message: 'invalid username or password' });
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('sets an HttpOnly, SameSite=Strict session cookie, not Secure over plain HTTP', async () => {
    const res = await inject({ method: 'POST', url: '/api/auth/login', payload: TEST_ADMIN });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ csrfToken: string; user: { username: string } }>();
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.user.username).toBe('admin');
    const header = setCookieHeader(res);
    expect(header).toMatch(/^hm_session=[A-Za-z0-9_-]{43};/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).toContain('Path=/');
    expect(header).not.toContain('Secure');
    expect(header).toMatch(/Max-Age=\d+/);
  });

  it('ignores X-Forwarded-Proto when no proxy is trusted', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: TEST_ADMIN,
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(setCookieHeader(res)).not.toContain('Secure');
  });

  it('matches usernames case-insensitively', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { ...TEST_ADMIN, username: 'ADMIN' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('needs a JSON body, which a cross-site form cannot send', async () => {
    const form = await inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=admin&password=${encodeURIComponent(TEST_ADMIN.password)}`,
    });
    expect(form.statusCode).toBe(415);
    const text = await inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify(TEST_ADMIN),
    });
    // Fastify reads text/plain as a string, which the body schema refuses: a `<form enctype=text/plain>`
    // posting JSON-looking text gets no session.
    expect(text.statusCode).toBe(400);
    expect(text.headers['set-cookie']).toBeUndefined();
  });
});

describe('session', () => {
  it('tells who is signed in, with the CSRF token', async () => {
    const me = await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: admin.cookie } });
    expect(me.statusCode).toBe(200);
    const body = me.json<{ user: { lastLoginAt: number | null } }>();
    expect(body.user.lastLoginAt).toEqual(expect.any(Number));
    expect(body).toEqual({
      via: 'session',
      role: 'admin',
      user: { ...admin.user, lastLoginAt: body.user.lastLoginAt },
      csrfToken: admin.csrfToken,
    });
  });

  it('answers 401 without a session, or with an unknown one', async () => {
    expect((await inject({ method: 'GET', url: '/api/auth/me' })).json()).toMatchObject({
      error: 'unauthorized',
    });
    const forged = await inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: 'hm_session=forged' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('refuses a mutation without the CSRF header, or with a wrong one', async () => {
    const payload = { name: 'csrf-test', role: 'viewer' };
    const missing = await inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: admin.cookie },
      payload,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ error: 'csrf' });
    const other = await t.login(TEST_ADMIN.username, TEST_ADMIN.password);
    for (const wrong of ['nope', other.csrfToken]) {
      const res = await inject({
        method: 'POST',
        url: '/api/tokens',
        headers: { cookie: admin.cookie, 'x-csrf-token': wrong },
        payload,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'csrf' });
    }
    const tokens = await inject({ method: 'GET', url: '/api/tokens', headers: { cookie: admin.cookie } });
    expect(tokens.json<{ tokens: unknown[] }>().tokens).toEqual([]);
  });

  it('accepts a mutation with the right CSRF header', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/tokens',
      headers: admin.headers,
      payload: { name: 'csrf-ok', role: 'viewer' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('needs no CSRF header for reads', async () => {
    const res = await inject({ method: 'GET', url: '/api/users', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
  });

  it('ends on logout: the cookie is cleared and no longer works', async () => {
    const s = await t.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const noCsrf = await inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const out = await inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(200);
    expect(setCookieHeader(out)).toMatch(/hm_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/);
    expect(
      (await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(401);
    expect(
      (await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: admin.cookie } })).statusCode,
    ).toBe(200);
  });

  it('replaces the old session when signing in again with it', async () => {
    const s = await t.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const again = await inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: TEST_ADMIN,
      headers: { cookie: s.cookie },
    });
    expect(again.statusCode).toBe(200);
    expect(sessionCookieOf(again)).not.toBe(s.cookie);
    expect(
      (await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(401);
  });
});

describe('sliding expiry', () => {
  it('moves the expiry and re-sends the cookie once the session was last seen over a minute ago', async () => {
    const s = await t.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const fresh = await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(fresh.headers['set-cookie']).toBeUndefined();
    const old = Date.now() - 120_000;
    await t.deps.db
      .updateTable('sessions')
      .set({ last_seen_at: old, expires_at: old + 1000_000 })
      .execute();
    const renewed = await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(renewed.statusCode).toBe(200);
    expect(setCookieHeader(renewed)).toContain(`${s.cookie};`);
    const rows = await t.deps.db.selectFrom('sessions').select(['last_seen_at', 'expires_at']).execute();
    const mine = rows.find((r) => r.last_seen_at > old);
    expect(mine?.expires_at).toBeGreaterThan(Date.now() + t.deps.config.sessionTtlMs - 60_000);
  });
});

describe('audit', () => {
  it('records sign-ins, ok and failed, with the attempted username and never the password', async () => {
    const rows = await t.deps.db.selectFrom('audit').selectAll().where('action', 'like', 'auth.%').execute();
    const failed = rows.find(
      (r) => r.action === 'auth.login' && r.result === 'error' && r.actor === 'nobody',
    );
    expect(failed).toMatchObject({ via: 'anonymous', actor_id: null, ip: '127.0.0.1' });
    const ok = rows.find((r) => r.action === 'auth.login' && r.result === 'ok');
    expect(ok).toMatchObject({ actor: 'admin', actor_id: admin.user.id, via: 'session' });
    expect(rows.some((r) => r.action === 'auth.setup' && r.result === 'ok')).toBe(true);
    expect(rows.some((r) => r.action === 'auth.logout' && r.result === 'ok')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(TEST_ADMIN.password);
    expect(JSON.stringify(rows)).not.toContain('wrong password');
  });
});

describe('behind a trusted proxy', () => {
  it('marks the cookie Secure when the proxy says the browser used HTTPS', async () => {
    const proxied = await createTestApp({ env: { HM_TRUST_PROXY: 'true' } });
    try {
      await proxied.setupAdmin();
      const res = await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: TEST_ADMIN,
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
      });
      expect(res.statusCode).toBe(200);
      expect(setCookieHeader(res)).toContain('Secure');
      const row = await proxied.deps.db
        .selectFrom('sessions')
        .select('ip')
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      expect(row?.ip).toBe('203.0.113.7');
    } finally {
      await proxied.close();
    }
  });
});

describe('behind a proxy named by address', () => {
  async function loginVia(trust: string) {
    const t = await createTestApp({ env: { HM_TRUST_PROXY: trust } });
    try {
      await t.setupAdmin();
      // inject() comes from 127.0.0.1, as a Caddy on the same box would.
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: TEST_ADMIN,
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
      });
      expect(res.statusCode).toBe(200);
      const row = await t.deps.db
        .selectFrom('sessions')
        .select('ip')
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return { secure: setCookieHeader(res).includes('Secure'), ip: row?.ip };
    } finally {
      await t.close();
    }
  }

  it('believes X-Forwarded-* from a listed peer', async () => {
    expect(await loginVia('loopback')).toEqual({ secure: true, ip: '203.0.113.7' });
    expect(await loginVia('10.0.0.0/8, 127.0.0.1')).toEqual({ secure: true, ip: '203.0.113.7' });
  });

  it('ignores X-Forwarded-* from any other peer, so a client cannot fake its address', async () => {
    expect(await loginVia('10.0.0.0/8')).toEqual({ secure: false, ip: '127.0.0.1' });
  });
});

describe('session expiry', () => {
  it('refuses a session past its TTL', async () => {
    const short = await createTestApp({ env: { HM_SESSION_TTL_HOURS: '0.0002' } });
    try {
      const s = await short.setupAdmin();
      expect(
        (await short.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } }))
          .statusCode,
      ).toBe(200);
      await new Promise((r) => setTimeout(r, 800));
      expect(
        (await short.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } }))
          .statusCode,
      ).toBe(401);
    } finally {
      await short.close();
    }
  });
});

describe('API docs', () => {
  it('describe every auth, token and user route with its tags', async () => {
    const res = await inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>();
    const expected = {
      '/api/auth/status': ['get'],
      '/api/auth/setup': ['post'],
      '/api/auth/login': ['post'],
      '/api/auth/logout': ['post'],
      '/api/auth/me': ['get'],
      '/api/tokens': ['get', 'post'],
      '/api/tokens/{id}': ['delete'],
      '/api/users': ['get', 'post'],
      '/api/users/{id}': ['patch', 'delete'],
    };
    for (const [path, methods] of Object.entries(expected)) {
      for (const method of methods) {
        const op = spec.paths[path]?.[method];
        expect(op?.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
        expect(op?.summary, `${method} ${path}`).toBeTruthy();
      }
    }
  });
});
