import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN, type TestApp } from './support/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { HM_LOGIN_MAX_FAILURES: '3', HM_LOGIN_LOCKOUT_SECONDS: '900' } });
  const admin = await t.setupAdmin();
  for (const username of ['victim', 'reset', 'bystander']) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username, password: 'the right password', role: 'viewer' },
    });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => t?.close());

function login(username: string, password: string, remoteAddress = '10.1.1.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
  });
}

describe('sign-in lockout', () => {
  it('locks a username after the configured failures, even for the right password', async () => {
    for (let i = 0; i < 3; i++)
      expect((await login('victim', 'wrong password', `10.2.0.${i}`)).statusCode).toBe(401);
    const locked = await login('victim', 'the right password', '10.2.0.99');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toEqual({
      error: 'rate_limited',
      message: 'too many failed sign-ins; try again in 15 minutes',
    });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(890);
    expect(locked.headers['set-cookie']).toBeUndefined();
    // Case does not dodge it.
    expect((await login('VICTIM', 'the right password', '10.2.0.98')).statusCode).toBe(429);
    // Other users are not affected.
    expect((await login('bystander', 'the right password', '10.2.0.97')).statusCode).toBe(200);
  });

  it('audits refused attempts', async () => {
    const rows = await t.deps.db.selectFrom('audit').selectAll().where('actor', '=', 'victim').execute();
    expect(rows.filter((r) => r.result === 'error')).toHaveLength(3);
    expect(rows.filter((r) => r.result === 'denied').length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(rows)).not.toContain('the right password');
  });

  it('forgets a username’s failures after a successful sign-in', async () => {
    for (let i = 0; i < 2; i++) await login('reset', 'wrong password', '10.3.0.1');
    expect((await login('reset', 'the right password', '10.3.0.1')).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) await login('reset', 'wrong password', '10.3.0.2');
    expect((await login('reset', 'the right password', '10.3.0.3')).statusCode).toBe(200);
  });

  it('locks an IP that fails four times the limit across usernames', async () => {
    const ip = '10.4.0.1';
    for (let i = 0; i < 12; i++)
      expect((await login(`guess${i}`, 'wrong password', ip)).statusCode).toBe(401);
    expect((await login(TEST_ADMIN.username, TEST_ADMIN.password, ip)).statusCode).toBe(429);
    expect((await login(TEST_ADMIN.username, TEST_ADMIN.password, '10.4.0.2')).statusCode).toBe(200);
  });

  it('survives a restart of the daemon on the same data dir', async () => {
    for (let i = 0; i < 3; i++)
      expect((await login('victim-2', 'wrong password', `10.6.0.${i}`)).statusCode).toBe(401);
    for (let i = 0; i < 12; i++) await login(`spray${i}`, 'wrong password', '10.7.0.1');
    expect((await login('victim-2', 'wrong password', '10.6.0.9')).statusCode).toBe(429);

    t = await t.reopen();
    const locked = await login('victim-2', 'wrong password', '10.6.0.10');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect((await login(TEST_ADMIN.username, TEST_ADMIN.password, '10.7.0.1')).statusCode).toBe(429);
    expect((await login('bystander', 'the right password', '10.6.0.11')).statusCode).toBe(200);
  });
});
