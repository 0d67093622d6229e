import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let viewerToken: string;
const HOST = 'hm.test:9090';

beforeAll(async () => {
  t = await createTestApp({ env: { HM_ALLOWED_ORIGINS: 'https://dash.example.com' } });
  // Added before the first request, so the root auth hook covers it like any feature's route.
  const app = t.app;
  app.get('/api/test-ws', { websocket: true, config: { access: 'viewer' } }, (socket, req) => {
    socket.send(JSON.stringify({ principal: req.principal?.name ?? null }));
    socket.close();
  });
  app.get('/api/test-ws-admin', { websocket: true, config: { access: 'admin' } }, (socket) => socket.close());
  const admin = await t.setupAdmin();
  viewerToken = await t.createToken(admin, 'viewer');
});
afterAll(async () => t?.close());

/** Opens a socket and returns its first message (the test routes send who they think the caller is). */
async function open(path: string, headers: Record<string, string>): Promise<string> {
  const first = Promise.withResolvers<string>();
  // Listen from the start: the route may send before the handshake promise resolves.
  const ws = await t.app.injectWS(
    path,
    { headers: { host: HOST, ...headers } },
    { onInit: (socket) => socket.once('message', (data: Buffer) => first.resolve(data.toString())) },
  );
  const message = await first.promise;
  ws.terminate();
  return message;
}

describe('WebSocket handshakes', () => {
  const auth = () => ({ authorization: `Bearer ${viewerToken}` });

  it('open with credentials from no Origin, the same origin, or an allowed one', async () => {
    expect(JSON.parse(await open('/api/test-ws', auth()))).toEqual({ principal: 'token:test-viewer' });
    expect(await open('/api/test-ws', { ...auth(), origin: `http://${HOST}` })).toContain('test-viewer');
    expect(await open('/api/test-ws', { ...auth(), origin: 'https://dash.example.com' })).toContain(
      'test-viewer',
    );
  });

  it('are refused from a foreign Origin, even with valid credentials', async () => {
    await expect(open('/api/test-ws', { ...auth(), origin: 'https://evil.example' })).rejects.toThrow(/403/);
  });

  it('are refused without credentials, or below the route’s role', async () => {
    await expect(open('/api/test-ws', {})).rejects.toThrow(/401/);
    await expect(open('/api/test-ws-admin', auth())).rejects.toThrow(/403/);
  });

  it('can be checked by hand through app.authenticateUpgrade', async () => {
    const raw = { headers: { host: HOST, origin: `http://${HOST}`, ...auth() } };
    const ok = await t.app.authenticateUpgrade(raw as never, 'viewer');
    expect(ok).toMatchObject({ ok: true, principal: { role: 'viewer' } });
    const foreign = await t.app.authenticateUpgrade(
      { headers: { ...raw.headers, origin: 'https://evil.example' } } as never,
      'viewer',
    );
    expect(foreign).toMatchObject({ ok: false, statusCode: 403 });
  });
});
