import { hostname } from 'node:os';
import type { InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN, type TestApp } from './support/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function app(env: Record<string, string> = {}): Promise<TestApp> {
  t = await createTestApp({ env });
  return t;
}

const inject = (opts: InjectOptions) => {
  if (!t) throw new Error('no app');
  return t.app.inject(opts);
};
const setup = (payload: Record<string, unknown>) =>
  inject({ method: 'POST', url: '/api/auth/setup', payload });
const settingsRows = () => t!.deps.db.selectFrom('settings').selectAll().execute();
const setupRequired = async () =>
  (await inject({ method: 'GET', url: '/api/auth/status' })).json<{ setupRequired: boolean }>().setupRequired;

/** Everything the wizard asks, as a person fills it in; the hostname is the machine's own (not managed here). */
const wizard = () => ({
  ...TEST_ADMIN,
  setupCode: t!.setupCode(),
  hostname: hostname(),
  timezone: 'europe/berlin',
  appDataRoot: '/data//apps/./',
  tls: { mode: 'acme', domain: 'Panel.Example.com', email: 'ops@example.com' },
});

describe('first-boot setup with the wizard', () => {
  it('stores every choice with the first admin, normalised, and audits it without secrets', async () => {
    await app();
    const res = await setup(wizard());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ user: { username: 'admin' }, host: { applied: [], failed: [] } });

    const admin = await t!.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const settings = await inject({ method: 'GET', url: '/api/settings', headers: admin.headers });
    expect(settings.json()).toEqual({
      hostname: hostname(),
      manageHost: false,
      appDataRoot: '/data/apps',
      timezone: 'Europe/Berlin',
      tls: { mode: 'acme', domain: 'panel.example.com', email: 'ops@example.com' },
    });
    expect((await settingsRows()).map((r) => [r.key, JSON.parse(r.value) as unknown])).toEqual(
      expect.arrayContaining([
        ['appDataRoot', '/data/apps'],
        ['timezone', 'Europe/Berlin'],
        ['tls', { mode: 'acme', domain: 'panel.example.com', email: 'ops@example.com' }],
      ]),
    );

    await t!.deps.audit.flush();
    const entry = await t!.deps.db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'auth.setup')
      .where('result', '=', 'ok')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.detail ?? '{}')).toEqual({
      hostname: hostname().toLowerCase(),
      timezone: 'Europe/Berlin',
      appDataRoot: '/data/apps',
      tls: { mode: 'acme', domain: 'panel.example.com' },
      host: { applied: [], failed: [] },
    });
    expect(entry.detail).not.toMatch(/correct horse|ops@example|[0-9A-Z]{4}-[0-9A-Z]{4}/);
  });

  it('refuses each bad field with 400 naming it, and creates nothing', async () => {
    await app();
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ appDataRoot: 'srv/appdata' }, 'body.appDataRoot', /absolute path/],
      [{ appDataRoot: '/srv/../etc' }, 'body.appDataRoot', /may not contain \.\./],
      [{ appDataRoot: '/' }, 'body.appDataRoot', /not \/ itself/],
      [{ timezone: 'Mars/Olympus_Mons' }, 'body.timezone', /not a time zone we know/],
      [{ hostname: '-rf' }, 'body.hostname', /hyphens/],
      [{ tls: { mode: 'ssl' } }, 'body.tls.mode', /none, internal .* or acme/],
      [{ tls: { mode: 'acme', email: 'ops@example.com' } }, 'body.tls.domain', /public domain name/],
      [{ tls: { mode: 'acme', domain: 'panel.example.com' } }, 'body.tls.email', /email address/],
      [{ tls: { mode: 'acme', domain: 'panel.example.com', email: 'nope' } }, 'body.tls.email', /like you@/],
    ];
    for (const [bad, field, message] of cases) {
      const res = await setup({ ...wizard(), ...bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json<{ field: string }>().field, JSON.stringify(bad)).toBe(field);
      expect(res.json<{ message: string }>().message, JSON.stringify(bad)).toMatch(message);
    }
    expect(await setupRequired()).toBe(true);
    expect(await settingsRows()).toEqual([]);
    // The code was not spent by any of them: the fixed form goes through.
    expect((await setup(wizard())).statusCode).toBe(201);
  });

  it('refuses a new hostname when the daemon does not manage the machine, before anything is stored', async () => {
    await app();
    const res = await setup({ ...wizard(), hostname: 'not-this-machine-42' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ field: string }>().field).toBe('body.hostname');
    expect(res.json<{ message: string }>().message).toMatch(/does not manage the machine \(HM_MANAGE_HOST/);
    expect(await setupRequired()).toBe(true);
    expect(await settingsRows()).toEqual([]);
  });

  it('keeps the setup code required, checked before the fields are used, and single use', async () => {
    await app();
    const { setupCode: _code, ...noCode } = wizard();
    expect((await setup(noCode)).json()).toMatchObject({ field: 'body.setupCode' });
    const wrongCode = t!.setupCode().startsWith('0') ? '1111-1111-1111' : '0000-0000-0000';
    expect((await setup({ ...wizard(), setupCode: wrongCode })).statusCode).toBe(403);
    expect(await settingsRows()).toEqual([]);
    expect((await setup(wizard())).statusCode).toBe(201);
    const again = await setup({ ...wizard(), username: 'second', appDataRoot: '/elsewhere' });
    expect(again.statusCode).toBe(409);
    const admin = await t!.login(TEST_ADMIN.username, TEST_ADMIN.password);
    expect(
      (await inject({ method: 'GET', url: '/api/settings', headers: admin.headers })).json(),
    ).toMatchObject({ appDataRoot: '/data/apps' });
  });

  it('without the wizard fields, setup works as before and the settings keep their defaults', async () => {
    await app();
    const admin = await t!.setupAdmin();
    const settings = await inject({ method: 'GET', url: '/api/settings', headers: admin.headers });
    expect(settings.json()).toEqual({
      hostname: hostname(),
      manageHost: false,
      appDataRoot: '/srv/appdata',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      tls: { mode: 'none' },
    });
  });
});

describe('GET /api/setup/host', () => {
  it('shows the machine to anyone until the first admin exists, then to no one', async () => {
    await app();
    const before = await inject({ method: 'GET', url: '/api/setup/host' });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({
      hostname: hostname(),
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      manageHost: false,
      appDataRoot: '/srv/appdata',
    });
    const admin = await t!.setupAdmin();
    expect((await inject({ method: 'GET', url: '/api/setup/host' })).statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: '/api/setup/host', headers: admin.headers })).statusCode).toBe(
      404,
    );
  });

  it('says when the daemon manages the machine (HM_MANAGE_HOST)', async () => {
    await app({ HM_MANAGE_HOST: 'true' });
    expect((await inject({ method: 'GET', url: '/api/setup/host' })).json()).toMatchObject({
      manageHost: true,
    });
  });
});

describe('/api/settings', () => {
  it('shows the hostname and whether the daemon manages the machine to any signed-in user, after setup too', async () => {
    await app({ HM_MANAGE_HOST: 'true' });
    const admin = await t!.setupAdmin();
    const viewer = { authorization: `Bearer ${await t!.createToken(admin, 'viewer')}` };
    for (const headers of [admin.headers, viewer]) {
      const read = await inject({ method: 'GET', url: '/api/settings', headers });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ hostname: hostname(), manageHost: true });
    }
    const put = await inject({
      method: 'PUT',
      url: '/api/settings',
      headers: admin.headers,
      payload: { appDataRoot: '/srv/apps' },
    });
    expect(put.json()).toMatchObject({ settings: { hostname: hostname(), manageHost: true } });
  });

  it('lets a viewer read (without the TLS email), an admin change, and no operator change', async () => {
    await app();
    const admin = await t!.setupAdmin();
    const bearer = async (role: 'viewer' | 'operator') => ({
      authorization: `Bearer ${await t!.createToken(admin, role)}`,
    });
    const viewer = await bearer('viewer');
    const operator = await bearer('operator');
    const change = { tls: { mode: 'acme', domain: 'panel.example.com', email: 'ops@example.com' } };

    expect((await inject({ method: 'GET', url: '/api/settings' })).statusCode).toBe(401);
    for (const headers of [viewer, operator]) {
      const refused = await inject({ method: 'PUT', url: '/api/settings', headers, payload: change });
      expect(refused.statusCode).toBe(403);
    }
    const put = await inject({
      method: 'PUT',
      url: '/api/settings',
      headers: admin.headers,
      payload: change,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ settings: change, host: { applied: [], failed: [] } });

    const read = await inject({ method: 'GET', url: '/api/settings', headers: viewer });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ tls: { mode: 'acme', domain: 'panel.example.com' } });
    expect(read.body).not.toContain('ops@example.com');

    await t!.deps.audit.flush();
    const audit = await t!.deps.db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'settings.update')
      .execute();
    expect(audit.map((a) => [a.actor, a.result, a.target])).toEqual([['admin', 'ok', 'tls']]);
    expect(audit[0]?.detail).not.toContain('ops@example.com');
  });

  it('refuses a bad change with 400 naming the field, and keeps what was there', async () => {
    await app();
    const admin = await t!.setupAdmin();
    const put = (payload: unknown) =>
      inject({ method: 'PUT', url: '/api/settings', headers: admin.headers, payload: payload as object });
    expect((await put({ appDataRoot: '/srv/apps/' })).json()).toMatchObject({
      settings: { appDataRoot: '/srv/apps' },
    });
    const bad = await put({ appDataRoot: '../etc', timezone: 'UTC' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'body.appDataRoot' });
    const empty = await put({});
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ message: string }>().message).toMatch(/at least one of appDataRoot, timezone, tls/);
    const now = await inject({ method: 'GET', url: '/api/settings', headers: admin.headers });
    expect(now.json()).toMatchObject({
      appDataRoot: '/srv/apps',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  });
});
