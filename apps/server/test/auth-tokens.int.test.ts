import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from './support/test-app.js';

let t: TestApp;
let admin: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.setupAdmin();
});
afterAll(async () => t?.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API tokens', () => {
  it('are shown once at creation and never listed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: admin.headers,
      payload: { name: 'ci', role: 'operator', expiresInDays: 30 },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<{
      token: string;
      id: string;
      name: string;
      role: string;
      expiresAt: number;
      createdBy: string;
    }>();
    expect(created.token).toMatch(/^hm_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'ci', role: 'operator', createdBy: admin.user.id });
    expect(created.expiresAt - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const list = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ tokens: { id: string }[] }>().tokens.map((x) => x.id)).toContain(created.id);
    expect(list.body).not.toContain(created.token);
    expect(list.body).not.toContain(created.token.slice(3));
    expect(list.body).not.toContain('token_hash');

    const rows = await t.deps.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(created.token);
    const audit = await t.deps.db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'token.create')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(created.token);
  });

  it('authenticate without CSRF, and act with their role', async () => {
    const adminToken = await t.createToken(admin, 'admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: bearer(adminToken),
      payload: { username: 'by-token', password: 'long enough pw', role: 'viewer' },
    });
    expect(res.statusCode).toBe(201);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(adminToken) });
    expect(me.json()).toEqual({ via: 'token', role: 'admin', tokenName: 'test-admin' });
  });

  it('of a viewer cannot manage users or tokens', async () => {
    const viewer = await t.createToken(admin, 'viewer');
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: bearer(viewer),
      payload: { username: 'nope', password: 'long enough pw', role: 'admin' },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json()).toMatchObject({ error: 'forbidden' });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: bearer(viewer) })).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(viewer) })).json(),
    ).toMatchObject({
      via: 'token',
      role: 'viewer',
    });
  });

  it('of an operator cannot list users', async () => {
    const operator = await t.createToken(admin, 'operator', 'op');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(operator) })).statusCode,
    ).toBe(403);
  });

  it('are refused when unknown, malformed, deleted or expired', async () => {
    for (const value of ['hm_unknown', 'not-ours', '']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(value) });
      expect(res.statusCode).toBe(401);
    }
    // A bad bearer token is not rescued by a good cookie sent alongside.
    const mixed = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { ...bearer('hm_unknown'), cookie: admin.cookie },
    });
    expect(mixed.statusCode).toBe(401);

    const doomed = await t.createToken(admin, 'viewer', 'doomed');
    const { tokens } = (
      await t.app.inject({ method: 'GET', url: '/api/tokens', headers: admin.headers })
    ).json<{
      tokens: { id: string; name: string }[];
    }>();
    const id = tokens.find((x) => x.name === 'doomed')?.id ?? '';
    const del = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: admin.headers });
    expect(del.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(doomed) })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: admin.headers })).statusCode,
    ).toBe(404);

    const expiring = await t.createToken(admin, 'viewer', 'expiring');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(expiring) })).statusCode,
    ).toBe(200);
    await t.deps.db
      .updateTable('api_tokens')
      .set({ expires_at: Date.now() - 1 })
      .where('name', '=', 'expiring')
      .execute();
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(expiring) })).statusCode,
    ).toBe(401);
  });

  it('record when they were last used', async () => {
    const token = await t.createToken(admin, 'viewer', 'used');
    await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    const row = await t.deps.db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('name', '=', 'used')
      .executeTakeFirst();
    expect(row?.last_used_at).toEqual(expect.any(Number));
  });

  it('validate their input', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: admin.headers,
      payload: { name: 'x', role: 'root' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'body.role' });
  });
});

describe('tokens and the user who made them', () => {
  it('stop working while their creator is disabled, and go when the creator is deleted', async () => {
    const second = { username: 'second-admin', password: 'another long pass' };
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { ...second, role: 'admin' },
    });
    expect(made.statusCode).toBe(201);
    const userId = made.json<{ user: { id: string } }>().user.id;
    const token = await t.createToken(await t.login(second.username, second.password), 'viewer', 'of-second');
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect((await me()).statusCode).toBe(200);

    const patch = (disabled: boolean) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/users/${userId}`,
        headers: admin.headers,
        payload: { disabled },
      });
    expect((await patch(true)).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(401);
    expect((await patch(false)).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(200);

    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/users/${userId}`, headers: admin.headers }))
        .statusCode,
    ).toBe(200);
    expect((await me()).statusCode).toBe(401);
    const list = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: admin.headers });
    expect(list.json<{ tokens: Array<{ name: string }> }>().tokens.map((x) => x.name)).not.toContain(
      'of-second',
    );
  });
});

describe('a token never acts above its creator', () => {
  it('loses admin rights the moment its creator is demoted, and regains them on promotion', async () => {
    const creator = { username: 'demoted-admin', password: 'a long password' };
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { ...creator, role: 'admin' },
    });
    expect(made.statusCode).toBe(201);
    const creatorId = made.json<{ user: { id: string } }>().user.id;
    const token = await t.createToken(
      await t.login(creator.username, creator.password),
      'admin',
      'outlives-demotion',
    );
    const users = () => t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(token) });
    const setRole = (role: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/users/${creatorId}`,
        headers: admin.headers,
        payload: { role },
      });
    expect((await users()).statusCode).toBe(200);

    expect((await setRole('viewer')).statusCode).toBe(200);
    const refused = await users();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'forbidden' });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(me.json()).toEqual({ via: 'token', role: 'viewer', tokenName: 'outlives-demotion' });
    // Read access of a viewer still works: the token is capped, not revoked.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/hosts', headers: bearer(token) })).statusCode,
    ).toBe(200);

    expect((await setRole('operator')).statusCode).toBe(200);
    expect((await users()).statusCode).toBe(403);
    expect((await setRole('admin')).statusCode).toBe(200);
    expect((await users()).statusCode).toBe(200);
  });
});
