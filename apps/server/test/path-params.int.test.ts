import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from './support/test-app.js';

// Path parameters and image fields that could address another engine object than the one named
// (`..%2Fvolumes%2Fx` decodes to `../volumes/x`) are refused at the route, before any engine call.
let t: TestApp;
let admin: TestSession;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.setupAdmin();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  port = address.port;
});
afterAll(async () => t?.close());

/** Sends the path exactly as written: fetch and inject would resolve `%2E%2E` as a directory step. */
function rawRequest(method: string, path: string, body?: object) {
  return new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { ...admin.headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const TRAVERSALS = ['..%2Fvolumes%2Fx', '%2E%2E', '%2e', '..', 'a%2F..%2F..%2Fb', '%2Fetc', '-x', 'a%20b'];

describe('path parameters by Docker grammar', () => {
  const routes: Array<[method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: (id: string) => string]> = [
    ['DELETE', (id) => `/api/hosts/local/images/${id}`],
    ['DELETE', (id) => `/api/hosts/local/volumes/${id}`],
    ['DELETE', (id) => `/api/hosts/local/networks/${id}`],
    ['DELETE', (id) => `/api/hosts/local/containers/${id}`],
    ['GET', (id) => `/api/hosts/local/containers/${id}`],
    ['POST', (id) => `/api/hosts/local/containers/${id}/unpause`],
    ['GET', (id) => `/api/hosts/local/containers/${id}/logs`],
    ['PUT', (id) => `/api/hosts/local/containers/${id}/tags`],
    ['GET', (id) => `/api/hosts/local/icons/${id}`],
  ];

  it.each(routes.flatMap(([method, url]) => TRAVERSALS.map((id) => [method, url(id)] as const)))(
    '%s %s is refused with 400',
    async (method, url) => {
      const res = await rawRequest(method, url, method === 'PUT' ? { tags: [] } : undefined);
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json.error).toBe('validation');
      expect(res.json.field).toMatch(/^params\./);
    },
  );

  it.each(['../volumes/x', '127.0.0.1:5000/../x', 'a//b', 'upper/Case', 'x:'])(
    'refuses the image %j in pull, create and check bodies',
    async (image) => {
      for (const url of [
        '/api/hosts/local/images/pull',
        '/api/hosts/local/containers',
        '/api/hosts/local/containers/check',
      ]) {
        const res = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: { image } });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
        expect(res.json()).toMatchObject({ field: 'body.image' });
      }
    },
  );

  it('lets a long image reference with a digest through the router to the route', async () => {
    const ref = `registry.example.com:5000/${'team/'.repeat(20)}app:1.2.3@sha256:${'a'.repeat(64)}`;
    const res = await rawRequest('DELETE', `/api/hosts/local/images/${encodeURIComponent(ref)}`);
    // This app has no engine: "no host local" shows the request passed the router and validation.
    expect(res.json).toEqual({ error: 'not_found', message: 'no host local' });
  });
});
