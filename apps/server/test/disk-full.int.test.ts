import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReply } from '@harbourmaster/contracts';
import { createTestApp, type TestApp, type TestSession } from './support/test-app.js';

// A full data disk, simulated by capping the SQLite file at its current size (SQLITE_FULL, as a
// full file system gives): changes answer 507 and are not made, and /api/health says so.
let t: TestApp;
let admin: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.setupAdmin();
});
afterAll(async () => t?.close());

const tokenNames = async () =>
  (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: admin.headers }))
    .json<{ tokens: Array<{ name: string }> }>()
    .tokens.map((tk) => tk.name);

describe('a full data disk', () => {
  it('answers 507 "the data disk is full", does not make the change, and shows in /api/health', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/health' })).json<HealthReply>();
    expect(before.dataDisk).toEqual({ full: false, error: null });

    const pages = await sql<{ page_count: number }>`PRAGMA page_count`.execute(t.deps.db);
    await sql.raw(`PRAGMA max_page_count = ${pages.rows[0]!.page_count}`).execute(t.deps.db);

    let refused: { status: number; body: unknown; name: string } | undefined;
    for (let i = 0; i < 500 && refused === undefined; i++) {
      const name = `filler-${i}-${'x'.repeat(40)}`;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: admin.headers,
        payload: { name, role: 'viewer' },
      });
      if (res.statusCode !== 201) refused = { status: res.statusCode, body: res.json(), name };
    }
    expect(refused, 'the capped database never filled up').toBeDefined();
    expect(refused!.status).toBe(507);
    expect(refused!.body).toEqual({ error: 'disk_full', message: 'the data disk is full' });
    expect(await tokenNames()).not.toContain(refused!.name);

    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json<HealthReply>()).toMatchObject({
      status: 'degraded',
      dataDisk: { full: true, error: 'the data disk is full' },
    });
  });
});
