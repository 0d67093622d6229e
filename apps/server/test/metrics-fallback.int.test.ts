import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerMetricsReply, HostMetricsReply } from '@harbourmaster/contracts';
import { TEST_IMAGE, docker, eventually, namePrefix, removeByPrefix } from './support/docker-fixtures.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Where the container processes cannot be seen (the daemon in a container without the host's /proc)
// the engine's stats are asked instead, and the API says so and why.
const prefix = namePrefix('metrics-fb');
let busy = '';
let proc = '';
const servers: TestServer[] = [];

/** A /proc as a container sees it: the host-wide files, but none of the engine's processes. */
function procWithoutProcesses(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hm-proc-'));
  for (const f of ['stat', 'meminfo', 'loadavg', 'self']) symlinkSync(`/proc/${f}`, join(dir, f));
  return dir;
}

beforeAll(async () => {
  await removeByPrefix(prefix);
  busy = await docker('run', '-d', '--name', `${prefix}busy`, TEST_IMAGE, 'sh', '-c', 'while :; do :; done');
  proc = procWithoutProcesses();
});

afterAll(async () => {
  for (const s of servers) await s.close();
  await removeByPrefix(prefix);
  rmSync(proc, { recursive: true, force: true });
});

async function busyMetrics(server: TestServer): Promise<ContainerMetricsReply> {
  const reply = await eventually(async () => {
    const r = await server.api<ContainerMetricsReply>(
      'GET',
      `/api/hosts/local/containers/${busy}/metrics?range=5m`,
    );
    return r.status === 200 && r.body.latest ? r : null;
  }, 15_000);
  return reply.body;
}

describe('the metrics fallback', () => {
  it('asks the engine when the cgroup files of its containers cannot be read, and says why', async () => {
    const server = await startTestServer({ HM_PROC_ROOT: proc });
    servers.push(server);
    const body = await busyMetrics(server);
    expect(body.sampler.path).toBe('engine-stats');
    expect(body.sampler.reason).toMatch(/cgroup files .* cannot be read/);
    expect(body.latest!.cpu).toBeGreaterThan(0.5);
    expect(body.latest!.cpu).toBeLessThan(1.2);
    const host = await server.api<HostMetricsReply>('GET', '/api/hosts/local/metrics');
    expect(host.body.sampler.path).toBe('engine-stats');
  });

  it('uses the engine stats when told to', async () => {
    const server = await startTestServer({ HM_METRICS_SAMPLER: 'engine-stats' });
    servers.push(server);
    const body = await busyMetrics(server);
    expect(body.sampler).toMatchObject({ path: 'engine-stats', reason: 'HM_METRICS_SAMPLER=engine-stats' });
    expect(body.latest!.cpu).toBeGreaterThan(0.5);
  });
});
