import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpDockerEngine, parseDockerHost } from '@harbourmaster/engine';
import type { MetricsSnapshot } from '@harbourmaster/contracts';
import { CgroupSampler } from '../src/adapters/metrics/cgroup-sampler.js';
import { EngineStatsSampler } from '../src/adapters/metrics/engine-stats-sampler.js';
import { HostReader } from '../src/adapters/metrics/host-reader.js';
import type { MetricsSampler, SampleTarget } from '../src/adapters/metrics/metrics-sampler.js';
import { networkKind } from '../src/adapters/metrics/metrics-sampler.js';
import { snapshotValues } from '../src/features/metrics/metric-rates.js';
import { TEST_IMAGE, docker, namePrefix, removeByPrefix } from './support/docker-fixtures.js';
import { testDockerHost } from './support/test-server.js';

// Both sampler paths against the private engine's real containers: one burning a full core, one
// holding 64 MiB of memory, one on the host's network.
const prefix = namePrefix('sampler');
const engine = new HttpDockerEngine(parseDockerHost(testDockerHost()));
const targets: Record<'busy' | 'memory' | 'hostnet', SampleTarget> = {} as never;
const hostReader = () =>
  new HostReader({
    procRoot: '/proc',
    dataDir: mkdtempSync(join(tmpdir(), 'hm-metrics-')),
    dockerRoot: () => '/',
  });

async function start(name: keyof typeof targets, ...args: string[]) {
  const id = await docker('run', '-d', '--name', `${prefix}${name}`, ...args);
  const inspect = await engine.inspectContainer(id);
  targets[name] = { id, pid: inspect.State.Pid, network: networkKind(inspect.HostConfig.NetworkMode) };
}

/** Two passes `seconds` apart and the values between them. */
async function measure(sampler: MetricsSampler, seconds: number) {
  const all = Object.values(targets);
  const first: MetricsSnapshot = await sampler.read(all);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const second = await sampler.read(all);
  return { second, values: snapshotValues(first, second) };
}

beforeAll(async () => {
  await removeByPrefix(prefix);
  await start('busy', TEST_IMAGE, 'sh', '-c', 'while :; do :; done');
  // 64 MiB in a tmpfs counts as the container's memory (shmem, not reclaimable file cache).
  await start(
    'memory',
    '--tmpfs',
    '/fill:size=100m',
    TEST_IMAGE,
    'sh',
    '-c',
    'dd if=/dev/zero of=/fill/x bs=1M count=64 2>/dev/null; sleep 600',
  );
  await start('hostnet', '--network', 'host', TEST_IMAGE, 'sleep', '600');
  await new Promise((r) => setTimeout(r, 1000));
});

afterAll(async () => {
  await removeByPrefix(prefix);
  await engine.close();
});

describe.each([
  [
    'cgroup files',
    () =>
      new CgroupSampler({
        procRoot: '/proc',
        cgroupRoot: '/sys/fs/cgroup',
        host: hostReader(),
        cpus: () => 2,
      }),
  ],
  [
    'engine one-shot stats',
    () => new EngineStatsSampler({ engine: () => engine, host: hostReader(), cpus: () => 2, concurrency: 4 }),
  ],
])('the %s sampler', (_, make) => {
  it('reads a busy container near one core, memory as the CLI counts it, no traffic for host network', async () => {
    const sampler = make();
    try {
      const { second, values } = await measure(sampler, 2);
      const busy = values.containers.get(targets.busy.id)!;
      expect(busy.cpu).toBeGreaterThan(0.8);
      expect(busy.cpu).toBeLessThan(1.15);
      expect(busy.cpuPercent).toBeCloseTo((busy.cpu / second.cpus) * 100, 6);
      expect(values.containers.get(targets.memory.id)!.memory).toBeGreaterThan(60 * 1024 * 1024);
      expect(values.containers.get(targets.busy.id)!.memory).toBeLessThan(20 * 1024 * 1024);
      const hostnet = second.containers.find((c) => c.id === targets.hostnet.id)!;
      expect(hostnet).toMatchObject({ network: 'host', net: null });
      expect(values.containers.get(targets.hostnet.id)).toMatchObject({ netRx: null, netTx: null });
      expect(values.host!.cpu).toBeGreaterThan(0.8);
      expect(second.host!.dataDisk!.totalBytes).toBeGreaterThan(0);
    } finally {
      sampler.close();
    }
  });

  it('leaves out a container that stopped', async () => {
    const sampler = make();
    try {
      const id = await docker('run', '-d', '--name', `${prefix}short`, TEST_IMAGE, 'sleep', '600');
      const pid = (await engine.inspectContainer(id)).State.Pid;
      const target: SampleTarget = { id, pid, network: 'own' };
      expect((await sampler.read([target])).containers.map((c) => c.id)).toEqual([id]);
      await docker('rm', '-f', id);
      expect((await sampler.read([target])).containers).toEqual([]);
    } finally {
      sampler.close();
    }
  });
});
