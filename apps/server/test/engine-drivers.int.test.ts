import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply } from '@harbourmaster/contracts';
import { startTestServer, type ApiReply, type TestServer } from './support/test-server.js';
import { docker, namePrefix, removeByPrefix } from './support/docker-fixtures.js';

// The engine blocks its volume store for 15 s looking up a plugin that does not exist, and every
// volume read waits meanwhile; drivers are checked against the engine's plugins before asking it.
const P = namePrefix('drv');
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await removeByPrefix(P);
  await s?.close();
});

async function timed<T>(call: Promise<ApiReply<T>>): Promise<ApiReply<T> & { ms: number }> {
  const started = performance.now();
  const reply = await call;
  return { ...reply, ms: Math.round(performance.now() - started) };
}

describe('volume and network drivers', () => {
  it('refuses a made-up volume driver at once, and volume reads go on meanwhile', async () => {
    const name = `${P}vol`;
    await docker('volume', 'create', name);
    const body = { name, driver: 'hm-made-up-driver' };
    const post = () => timed(s.api<ErrorReply>('POST', '/api/hosts/local/volumes', body));
    const bad = Promise.all([post(), post()]);
    await new Promise((r) => setTimeout(r, 50));
    const list = await timed(s.api<{ volumes: Array<{ name: string }> }>('GET', '/api/hosts/local/volumes'));
    const [first, second] = await bad;
    console.log(`bad driver: ${first.ms} ms and ${second.ms} ms; volume list meanwhile: ${list.ms} ms`);

    for (const reply of [first, second]) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(400);
      expect(reply.body.field).toBe('driver');
      expect(reply.body.message).toMatch(/hm-made-up-driver/);
      expect(reply.body.message).toMatch(/\blocal\b/);
      // The engine's own answer takes 15 s; ours must not wait for it.
      expect(reply.ms).toBeLessThan(5_000);
    }
    expect(list.status).toBe(200);
    expect(list.body.volumes.some((v) => v.name === name)).toBe(true);
    expect(list.ms).toBeLessThan(5_000);
  });

  it('creates a volume with a driver the engine has', async () => {
    const res = await s.api<{ name: string }>('POST', '/api/hosts/local/volumes', {
      name: `${P}ok`,
      driver: 'local',
    });
    expect(res.status).toBe(201);
    expect(await docker('volume', 'inspect', '-f', '{{.Driver}}', `${P}ok`)).toBe('local');
  });

  it('refuses a second network of the same name with 409, as newer engines do', async () => {
    const body = { name: `${P}dup` };
    expect((await s.api('POST', '/api/hosts/local/networks', body)).status).toBe(201);
    const again = await s.api<ErrorReply>('POST', '/api/hosts/local/networks', body);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already exists/);
    expect((await docker('network', 'ls', '-q', '--filter', `name=^${P}dup$`)).split('\n')).toHaveLength(1);
  });

  it('refuses a gateway outside the subnet before asking the engine', async () => {
    const res = await s.api<ErrorReply>('POST', '/api/hosts/local/networks', {
      name: `${P}gw`,
      subnet: '10.213.0.0/24',
      gateway: '10.212.0.1',
    });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('body.gateway');
  });

  it('refuses an overlay network on an engine that is not a Swarm manager, naming the driver', async () => {
    const res = await s.api<ErrorReply>('POST', '/api/hosts/local/networks', {
      name: `${P}net`,
      driver: 'overlay',
    });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('driver');
    expect(res.body.message).toMatch(/swarm/i);
  });
});
