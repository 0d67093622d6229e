import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReply } from '@harbourmaster/contracts';
import { startTestServer, type TestServer } from './support/test-server.js';
import { eventually } from './support/docker-fixtures.js';
import { EngineRelay } from './support/engine-relay.js';

// The daemon talks to the engine through a unix-socket relay that the test opens and closes, so the
// engine "appears" and "disappears" without restarting it.
const relay = new EngineRelay();
const relayPath = relay.path;
const startRelay = () => relay.start();
const stopRelay = () => relay.stop();

let s: TestServer;
const health = async () => (await s.api<HealthReply>('GET', '/api/health', undefined, 'anonymous')).body;

beforeAll(async () => {
  s = await startTestServer({ DOCKER_HOST: relay.url });
});
afterAll(async () => {
  await s?.close();
  await stopRelay();
});

describe('engine reachability', () => {
  it('starts without an engine and says why', async () => {
    const h = await health();
    expect(h.status).toBe('degraded');
    expect(h.hosts[0]).toMatchObject({ id: 'local', reachable: false });
    expect(h.hosts[0]?.error).toContain(relayPath);
    const images = await s.api<{ error: string; message: string }>('GET', '/api/hosts/local/images');
    expect(images.status).toBe(503);
    expect(images.body.error).toBe('engine_unreachable');
    expect(images.body.message).toContain(relayPath);
    const list = await s.api<{ hostErrors: Array<{ hostId: string }> }>('GET', '/api/containers');
    expect(list.body.hostErrors[0]?.hostId).toBe('local');
  });

  it('connects by itself when the engine appears, and again after it goes away', async () => {
    await startRelay();
    await eventually(async () => (await health()).status === 'ok', 20_000);
    type Hosts = { hosts: Array<{ status: { apiVersion: string | null } }> };
    const apiVersion = async () => (await s.api<Hosts>('GET', '/api/hosts')).body.hosts[0]?.status.apiVersion;
    expect(await eventually(apiVersion, 5_000)).toMatch(/^1\.\d+$/);
    expect((await s.api('GET', '/api/hosts/local/images')).status).toBe(200);

    await stopRelay();
    await eventually(async () => (await health()).status === 'degraded', 20_000);
    await startRelay();
    await eventually(async () => (await health()).status === 'ok', 20_000);
  });
});
