import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type {
  ContainerMetricsReply,
  HostMetricsReply,
  LatestMetricsReply,
  MetricsLive,
  MetricsSettings,
} from '@harbourmaster/contracts';
import { TEST_IMAGE, docker, eventually, namePrefix, removeByPrefix } from './support/docker-fixtures.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Metrics end to end on the private engine: the sampler, the history, the API, /metrics and the
// live topic, with containers that burn a core, hold memory, and stop.
const prefix = namePrefix('metrics');
let server: TestServer & { dataDir: string };
const ids: Record<'busy' | 'memory' | 'idle', string> = { busy: '', memory: '', idle: '' };

const containerMetrics = (id: string, range = '5m', as: 'admin' | 'viewer' = 'viewer') =>
  server.api<ContainerMetricsReply>(
    'GET',
    `/api/hosts/local/containers/${id}/metrics?range=${range}`,
    undefined,
    as,
  );

async function scrape(token: string | null): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(
    `${server.url}/metrics`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** The value of one sample line of the Prometheus text, by metric name and container name. */
function sampleOf(text: string, metric: string, container: string): number | undefined {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${metric}{`) && l.includes(`container="${container}"`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

beforeAll(async () => {
  await removeByPrefix(prefix);
  ids.busy = await docker(
    'run',
    '-d',
    '--name',
    `${prefix}busy`,
    TEST_IMAGE,
    'sh',
    '-c',
    'while :; do :; done',
  );
  ids.memory = await docker(
    'run',
    '-d',
    '--name',
    `${prefix}memory`,
    '--tmpfs',
    '/fill:size=100m',
    TEST_IMAGE,
    'sh',
    '-c',
    'dd if=/dev/zero of=/fill/x bs=1M count=64 2>/dev/null; sleep 600',
  );
  ids.idle = await docker(
    'run',
    '-d',
    '--name',
    `${prefix}idle`,
    '--network',
    'host',
    TEST_IMAGE,
    'sleep',
    '600',
  );
  server = await startTestServer({}, { keepData: true });
});

afterAll(async () => {
  await server?.close();
  await removeByPrefix(prefix);
});

describe('metrics', () => {
  it('reads a container burning a core near 1.0 within seconds, in the API and in /metrics', async () => {
    const reply = await eventually(async () => {
      const r = await containerMetrics(ids.busy);
      return r.status === 200 && r.body.latest && r.body.points.length >= 3 ? r : null;
    }, 15_000);
    expect(reply.body.sampler).toMatchObject({ path: 'cgroup', reason: null, intervalSeconds: 1 });
    expect(reply.body.step).toBe(1);
    // Near one core; less when the machine's two cores are shared with other suites.
    expect(reply.body.latest!.cpu).toBeGreaterThan(0.5);
    expect(reply.body.latest!.cpu).toBeLessThan(1.2);
    expect(reply.body.network).toBe('own');
    const last = reply.body.points.at(-2)!;
    expect(last.avg.cpu).toBeGreaterThan(0.5);
    expect(last.max.cpu).toBeGreaterThanOrEqual(last.avg.cpu!);

    const metrics = await scrape(server.tokens.viewer);
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const cores = sampleOf(metrics.text, 'harbourmaster_container_cpu_cores', `${prefix}busy`);
    expect(cores).toBeGreaterThan(0.5);
    expect(cores).toBeLessThan(1.2);
    expect(metrics.text).toContain('# TYPE harbourmaster_container_cpu_seconds_total counter');
    expect(metrics.text).toMatch(/^process_resident_memory_bytes \d+$/m);
  });

  it('shows a container that fills memory, and a host-network container without traffic of its own', async () => {
    const memory = await containerMetrics(`${prefix}memory`);
    expect(memory.status).toBe(200);
    expect(memory.body.latest!.memory).toBeGreaterThan(60 * 1024 * 1024);
    const idle = await containerMetrics(`${prefix}idle`);
    expect(idle.body).toMatchObject({ network: 'host', latest: { netRx: null, netTx: null } });
    const metrics = await scrape(server.tokens.viewer);
    expect(sampleOf(metrics.text, 'harbourmaster_container_memory_bytes', `${prefix}memory`)).toBeGreaterThan(
      60 * 1024 * 1024,
    );
    expect(
      sampleOf(metrics.text, 'harbourmaster_container_network_receive_bytes_total', `${prefix}idle`),
    ).toBe(undefined);
  });

  it('has host metrics with the sampler it uses, and latest values for sorting', async () => {
    const host = await server.api<HostMetricsReply>(
      'GET',
      '/api/hosts/local/metrics?range=5m',
      undefined,
      'viewer',
    );
    expect(host.status).toBe(200);
    expect(host.body.sampler.path).toBe('cgroup');
    expect(host.body.latest!.cpu).toBeGreaterThan(0.5);
    expect(host.body.cpus).toBeGreaterThan(0);
    expect(host.body.latest!.dataDiskPercent).toBeGreaterThan(0);
    const latest = await server.api<LatestMetricsReply>(
      'GET',
      '/api/hosts/local/metrics/latest',
      undefined,
      'viewer',
    );
    expect(Object.keys(latest.body.containers)).toEqual(
      expect.arrayContaining([ids.busy, ids.memory, ids.idle]),
    );
  });

  it('sends live values only for the rows a client follows, after their recent history', async () => {
    const ws: WebSocket = await server.ws('/api/ws', 'viewer');
    const messages: MetricsLive[] = [];
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as { type: string; topic?: string; data?: MetricsLive };
      if (msg.topic === 'metrics' && msg.data) messages.push(msg.data);
    });
    ws.send(JSON.stringify({ type: 'subscribe', topics: [`metrics:local:${ids.busy}`] }));
    await eventually(() => Promise.resolve(messages.length >= 3), 5_000);
    ws.close();
    expect(messages[0]!.recent![ids.busy]!.length).toBeGreaterThanOrEqual(2);
    const live = messages.slice(1);
    for (const m of live) expect(Object.keys(m.containers)).toEqual([ids.busy]);
    expect(live.at(-1)!.containers[ids.busy]!.cpu).toBeGreaterThan(0.5);
    // At most once a second: passes are a second apart.
    expect(live.at(-1)!.at - live.at(-2)!.at).toBeGreaterThanOrEqual(900);
  });

  it('lets a viewer read metrics; /metrics refuses anonymous clients', async () => {
    expect((await containerMetrics(ids.busy, '24h', 'viewer')).status).toBe(200);
    expect(
      (await server.api('GET', `/api/hosts/local/containers/${ids.busy}/metrics`, undefined, 'anonymous'))
        .status,
    ).toBe(401);
    expect((await scrape(null)).status).toBe(401);
    expect((await containerMetrics(ids.busy, 'forever')).status).toBe(400);
    expect((await containerMetrics(`${prefix}nope`)).status).toBe(404);
  });

  it('stops reporting a stopped container', async () => {
    await docker('stop', '-t', '0', `${prefix}memory`);
    await eventually(async () => (await containerMetrics(ids.memory)).body.latest === null, 10_000);
    const metrics = await scrape(server.tokens.viewer);
    expect(sampleOf(metrics.text, 'harbourmaster_container_memory_bytes', `${prefix}memory`)).toBe(undefined);
    expect((await containerMetrics(ids.memory)).body.network).toBeNull();
  });

  it('keeps settings in range and applies a new interval', async () => {
    const bad = await server.api('PUT', '/api/metrics/settings', { intervalSeconds: 0 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('intervalSeconds');
    expect((await server.api('PUT', '/api/metrics/settings', { retentionDays: 30 }, 'operator')).status).toBe(
      403,
    );
    const ok = await server.api<MetricsSettings>('PUT', '/api/metrics/settings', { intervalSeconds: 2 });
    expect(ok.body).toEqual({ intervalSeconds: 2, retentionDays: 90 });
    expect(
      (await server.api<MetricsSettings>('GET', '/api/metrics/settings', undefined, 'viewer')).body,
    ).toEqual(ok.body);
  });

  it('keeps the persisted tiers across a restart', async () => {
    const before = await containerMetrics(ids.busy, '24h');
    expect(before.body.step).toBe(60);
    expect(before.body.points.length).toBeGreaterThan(0);
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({}, { dataDir, keepData: false });
    const after = await containerMetrics(ids.busy, '24h');
    expect(after.status).toBe(200);
    const first = before.body.points[0]!;
    const kept = after.body.points.find((p) => p.t === first.t);
    expect(kept?.avg.cpu).toBeGreaterThan(0.5);
    expect(kept!.n).toBeGreaterThanOrEqual(first.n);
    expect((await server.api<MetricsSettings>('GET', '/api/metrics/settings')).body.intervalSeconds).toBe(2);
  });
});
