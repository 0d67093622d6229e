import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestServer, type TestServer } from './support/test-server.js';
import { TEST_IMAGE, docker, namePrefix, removeByPrefix } from './support/docker-fixtures.js';

const P = namePrefix('live');
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await removeByPrefix(P);
  await s?.close();
});

type Msg = {
  type: string;
  topic?: string;
  data?: Record<string, unknown>;
  topics?: string[];
  message?: string;
};

function collect(ws: WebSocket): Msg[] {
  const got: Msg[] = [];
  ws.on('message', (d) => got.push(JSON.parse((d as Buffer).toString()) as Msg));
  return got;
}

async function until<T>(fn: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('live state WebSocket', () => {
  it('pushes container state changes to subscribers of the containers topic', async () => {
    const ws = await s.ws('/api/ws', 'viewer');
    const got = collect(ws);
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['containers'] }));
    await until(() => got.find((m) => m.type === 'subscribed'));
    const name = `${P}one`;
    await docker('run', '-d', '--name', name, '--network', 'none', TEST_IMAGE, 'sleep', '3600');
    const started = await until(() =>
      got.find((m) => m.topic === 'containers' && m.data?.name === name && m.data.action === 'start'),
    );
    expect(started.data).toMatchObject({ hostId: 'local', state: 'running' });
    await docker('stop', '-t', '0', name);
    const died = await until(() =>
      got.find((m) => m.topic === 'containers' && m.data?.name === name && m.data.action === 'die'),
    );
    expect(died.data?.state).toBe('exited');
    ws.close();
  });

  it('sends nothing for topics not subscribed, and validates messages', async () => {
    const ws = await s.ws('/api/ws', 'viewer');
    const got = collect(ws);
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['hosts'] }));
    await until(() => got.find((m) => m.type === 'subscribed'));
    await docker('run', '--rm', '--name', `${P}quiet`, '--network', 'none', TEST_IMAGE, 'true');
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['weather'] }));
    const err = await until(() => got.find((m) => m.type === 'error'));
    expect(err.message).toContain('topics');
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['audit'] }));
    await until(() => got.filter((m) => m.type === 'error').length === 2 || undefined);
    expect(got.filter((m) => m.type === 'error')[1]?.message).toMatch(/admins/);
    expect(got.some((m) => m.topic === 'containers')).toBe(false);
    ws.close();
  });

  it('refuses an upgrade from a foreign Origin', async () => {
    const attempt = new WebSocket(`${s.url.replace('http', 'ws')}/api/ws`, {
      headers: { authorization: `Bearer ${s.tokens.viewer}`, origin: 'https://evil.example' },
    });
    const status = await new Promise<number>((resolve) => {
      attempt.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      attempt.once('open', () => resolve(101));
    });
    expect(status).toBe(403);
  });
});
