import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';
import { namePrefix } from './support/docker-fixtures.js';

// Many API clients send `Content-Type: application/json` on every request, with no body on those
// that need none; that is no body, not a malformed one.
const P = namePrefix('emptybody');
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

async function send(method: string, path: string, body?: string) {
  const res = await fetch(s.url + path, {
    method,
    headers: { authorization: `Bearer ${s.tokens.admin}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('application/json with no body', () => {
  it('is accepted on a POST whose route takes no body', async () => {
    const res = await send('POST', '/api/hosts/local/volumes/prune?dryRun=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true });
  });

  it('is accepted on a DELETE, which then reaches the engine', async () => {
    const res = await send('DELETE', `/api/hosts/local/volumes/${P}absent`);
    expect(res.status, JSON.stringify(res.body)).toBe(404);
    expect(res.body.message).toMatch(/no such volume/i);
  });

  it('is accepted when the body is only whitespace', async () => {
    expect((await send('POST', '/api/hosts/local/networks/prune?dryRun=true', ' \r\n')).status).toBe(200);
  });

  it('is still refused, naming the body, where the route needs one', async () => {
    const res = await send('POST', '/api/hosts/local/volumes');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation', field: 'body' });
  });

  it('keeps refusing malformed JSON and prototype poisoning', async () => {
    expect((await send('POST', '/api/hosts/local/volumes', '{"name":')).status).toBe(400);
    const poisoned = await send('POST', '/api/hosts/local/volumes', `{"name":"${P}x","__proto__":{"a":1}}`);
    expect(poisoned.status).toBe(400);
  });
});
