import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from './support/test-app.js';

let t: TestApp;
let admin: TestSession;
const bodies: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.setupAdmin();
});
afterAll(async () => t?.close());

async function call(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  as: TestSession = admin,
) {
  const res = await t.app.inject({ method, url, headers: as.headers, ...(payload && { payload }) });
  bodies.push(res.body);
  return res;
}

async function createUser(username: string, role: string, password = 'long enough pw') {
  const res = await call('POST', '/api/users', { username, password, role });
  expect(res.statusCode).toBe(201);
  return res.json<{ user: { id: string; username: string; role: string } }>().user;
}

const tokenStatus = async (token: string) =>
  (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } }))
    .statusCode;

const meStatus = async (s: TestSession) =>
  (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode;

describe('users', () => {
  it('are created and listed without their password hashes', async () => {
    const bob = await createUser('bob', 'operator');
    expect(bob).toMatchObject({ username: 'bob', role: 'operator' });
    const list = await call('GET', '/api/users');
    expect(list.json<{ users: { username: string }[] }>().users.map((u) => u.username)).toEqual([
      'admin',
      'bob',
    ]);
    const bobSession = await t.login('bob', 'long enough pw');
    expect(bobSession.user.role).toBe('operator');
  });

  it('must have unique usernames, case-insensitively, and follow the policy', async () => {
    const dup = await call('POST', '/api/users', {
      username: 'BOB',
      password: 'long enough pw',
      role: 'viewer',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: 'conflict', field: 'username' });
    for (const username of ['ab', 'has space', 'x'.repeat(65), 'semi;colon']) {
      expect(
        (await call('POST', '/api/users', { username, password: 'long enough pw', role: 'viewer' }))
          .statusCode,
      ).toBe(400);
    }
    const long = await call('POST', '/api/users', {
      username: 'long',
      password: 'x'.repeat(257),
      role: 'viewer',
    });
    expect(long.statusCode).toBe(400);
  });

  it('cannot be managed by a non-admin session', async () => {
    const bob = await t.login('bob', 'long enough pw');
    expect((await call('GET', '/api/users', undefined, bob)).statusCode).toBe(403);
    expect(
      (await call('POST', '/api/users', { username: 'eve', password: 'long enough pw', role: 'admin' }, bob))
        .statusCode,
    ).toBe(403);
  });

  it('keep the last active admin: no deleting, demoting or disabling them', async () => {
    const path = `/api/users/${admin.user.id}`;
    for (const [method, payload] of [
      ['DELETE', undefined],
      ['PATCH', { role: 'operator' }],
      ['PATCH', { disabled: true }],
    ] as const) {
      const res = await call(method, path, payload);
      expect(res.statusCode).toBe(409);
      expect(res.json<{ message: string }>().message).toBe(
        'admin is the last active admin; make another user an admin first',
      );
    }
    expect(await meStatus(admin)).toBe(200);
    const failed = await t.deps.db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'user.delete')
      .execute();
    expect(failed).toMatchObject([{ result: 'error', actor: 'admin' }]);
  });

  it('let an admin step down once another admin exists', async () => {
    const carol = await createUser('carol', 'admin');
    const carolSession = await t.login('carol', 'long enough pw');
    const demote = await call('PATCH', `/api/users/${carol.id}`, { role: 'viewer' });
    expect(demote.statusCode).toBe(200);
    expect(demote.json()).toMatchObject({ user: { role: 'viewer' } });
    // A role change applies to the open session at once.
    const res = await call('GET', '/api/users', undefined, carolSession);
    expect(res.statusCode).toBe(403);
  });

  it('end their sessions when disabled, and cannot sign in until enabled', async () => {
    const dave = await createUser('dave', 'operator');
    const s = await t.login('dave', 'long enough pw');
    expect(await meStatus(s)).toBe(200);
    expect((await call('PATCH', `/api/users/${dave.id}`, { disabled: true })).statusCode).toBe(200);
    expect(await meStatus(s)).toBe(401);
    expect(
      await t.deps.db.selectFrom('sessions').selectAll().where('user_id', '=', dave.id).execute(),
    ).toEqual([]);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dave', password: 'long enough pw' },
    });
    expect(login.statusCode).toBe(403);
    expect((await call('PATCH', `/api/users/${dave.id}`, { disabled: false })).statusCode).toBe(200);
    expect(await meStatus(await t.login('dave', 'long enough pw'))).toBe(200);
  });

  it('end their sessions when deleted', async () => {
    const erin = await createUser('erin', 'viewer');
    const s = await t.login('erin', 'long enough pw');
    expect((await call('DELETE', `/api/users/${erin.id}`)).statusCode).toBe(200);
    expect(await meStatus(s)).toBe(401);
    expect((await call('DELETE', `/api/users/${erin.id}`)).statusCode).toBe(404);
  });

  it('end their other sessions on a new password, which then works', async () => {
    const frank = await createUser('frank', 'viewer');
    const s = await t.login('frank', 'long enough pw');
    expect(
      (await call('PATCH', `/api/users/${frank.id}`, { password: 'a new long password' })).statusCode,
    ).toBe(200);
    expect(await meStatus(s)).toBe(401);
    await expect(t.login('frank', 'long enough pw')).rejects.toThrow(/401/);
    expect(await meStatus(await t.login('frank', 'a new long password'))).toBe(200);
  });

  it('keep their API tokens when they change their own password', async () => {
    await createUser('grace', 'admin');
    const grace = await t.login('grace', 'long enough pw');
    const token = await t.createToken(grace, 'operator', 'grace-ci');
    const own = await call('PATCH', `/api/users/${grace.user.id}`, { password: 'grace new password' }, grace);
    expect(own.statusCode).toBe(200);
    expect(await meStatus(grace)).toBe(200);
    expect(await tokenStatus(token)).toBe(200);
  });

  it('lose their sessions and API tokens when an admin resets their password', async () => {
    const grace = await t.login('grace', 'grace new password');
    const token = await t.createToken(grace, 'viewer', 'grace-script');
    const adminToken = await t.createToken(admin, 'viewer', 'admin-script');
    const reset = await call('PATCH', `/api/users/${grace.user.id}`, { password: 'reset by admin 1' });
    expect(reset.statusCode).toBe(200);

    expect(await meStatus(grace)).toBe(401);
    expect(await tokenStatus(token)).toBe(401);
    expect(await tokenStatus(adminToken)).toBe(200);
    expect(await meStatus(admin)).toBe(200);
    const left = await t.deps.db
      .selectFrom('api_tokens')
      .select('name')
      .where('created_by', '=', grace.user.id)
      .execute();
    expect(left).toEqual([]);
    const revoked = await t.deps.db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'token.delete')
      .where('target', 'in', ['grace-ci', 'grace-script'])
      .execute();
    expect(revoked).toHaveLength(2);
    for (const row of revoked) {
      expect(row).toMatchObject({ actor: 'admin', result: 'ok' });
      expect(JSON.parse(row.detail ?? '{}')).toMatchObject({ owner: 'grace', reason: 'password reset' });
    }
    expect(await meStatus(await t.login('grace', 'reset by admin 1'))).toBe(200);
  });

  it('refuse an empty update and unknown ids', async () => {
    expect((await call('PATCH', `/api/users/${admin.user.id}`, {})).statusCode).toBe(400);
    expect(
      (await call('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { role: 'viewer' })).statusCode,
    ).toBe(404);
    expect((await call('DELETE', '/api/users/not-a-uuid')).statusCode).toBe(400);
  });

  it('changes are audited without passwords', async () => {
    const rows = await t.deps.db.selectFrom('audit').selectAll().where('action', 'like', 'user.%').execute();
    const actions = new Set(rows.filter((r) => r.result === 'ok').map((r) => r.action));
    expect(actions).toEqual(new Set(['user.create', 'user.update', 'user.delete']));
    const text = JSON.stringify(rows);
    expect(text).not.toContain('long enough pw');
    expect(text).not.toContain('a new long password');
    expect(rows.find((r) => r.action === 'user.update' && r.target === 'frank')?.detail).toContain(
      '"passwordChanged":true',
    );
  });

  it('never appear with a password hash in any reply', () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) {
      expect(body).not.toContain('$argon2id$');
      expect(body).not.toContain('password_hash');
      expect(body).not.toContain('passwordHash');
    }
  });
});
