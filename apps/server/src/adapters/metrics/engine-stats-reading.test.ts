import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engineStatsReading } from './engine-stats-reading.js';

/** A fixture body, parsed afresh so a test can change it. */
function body(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

// Taken from this machine's engine (20.10, API 1.41, cgroup v1): no `networks` (its engine runs without
// a bridge), an empty blkio list, and the host's memory as the limit of an unlimited container.
const V1 = body('engine-stats-v1.json');
// A cgroup v2 engine (Docker 24 shape): lowercase blkio ops, no total_* memory keys, two networks.
const V2 = body('engine-stats-v2.json');

describe('engineStatsReading', () => {
  it('reads a cgroup v1 engine body', () => {
    expect(engineStatsReading('d046f91cc32a', V1, 'own')).toEqual({
      id: 'd046f91cc32a',
      // The engine's own time of the sample, 2026-12-01T04:36:38.850816003Z, to the millisecond.
      at: Date.UTC(2026, 11, 1, 4, 36, 38, 850),
      cpuNanos: 39148912,
      memoryBytes: 3309568 - 2621440, // usage − total_inactive_file = 688128
      memoryLimitBytes: 25276502016,
      network: 'own',
      net: null, // the body has no networks
      blkio: { readBytes: 0, writeBytes: 0 }, // an empty list: no I/O yet
    });
  });

  it('reads a cgroup v2 engine body, summing networks and devices', () => {
    expect(engineStatsReading('5f2b7c1e9a0d', V2, 'own')).toEqual({
      id: '5f2b7c1e9a0d',
      at: Date.UTC(2026, 10, 30, 21, 14, 5, 412),
      cpuNanos: 1830482000,
      memoryBytes: 48607232 - 11382784, // usage − inactive_file = 37224448
      memoryLimitBytes: 536870912,
      network: 'own',
      net: { rxBytes: 734512 + 1280, txBytes: 218734 + 656 },
      blkio: { readBytes: 9437184 + 4096, writeBytes: 1048576 + 0 },
    });
  });

  it("never shows the host network as the container's own traffic", () => {
    expect(engineStatsReading('x', V2, 'host').net).toBeNull();
    expect(engineStatsReading('x', V2, 'none')).toMatchObject({ network: 'none', net: null });
  });

  it("sums a v1 engine's capitalised ops, leaving Sync, Async and Total out", () => {
    const v1Ops = ['Read', 'Write', 'Sync', 'Async', 'Discard', 'Total'];
    const values = [65536, 2621440, 2686976, 0, 0, 2686976];
    const entries = v1Ops.map((op, i) => ({ major: 8, minor: 0, op, value: values[i] }));
    const withIo = { ...V1, blkio_stats: { io_service_bytes_recursive: entries } };
    expect(engineStatsReading('x', withIo, 'own').blkio).toEqual({ readBytes: 65536, writeBytes: 2621440 });
  });

  it('gives null block I/O when the engine sends a null list or none at all', () => {
    expect(
      engineStatsReading('x', { ...V2, blkio_stats: { io_service_bytes_recursive: null } }, 'own').blkio,
    ).toBeNull();
    const { blkio_stats: _dropped, ...noBlkio } = V2;
    expect(engineStatsReading('x', noBlkio, 'own').blkio).toBeNull();
  });

  it('gives a null limit when the engine sends none or the unlimited sentinel', () => {
    const memory = V2.memory_stats as Record<string, unknown>;
    const { limit: _dropped, ...noLimit } = memory;
    expect(engineStatsReading('x', { ...V2, memory_stats: noLimit }, 'own').memoryLimitBytes).toBeNull();
    const sentinel = { ...memory, limit: 9223372036854771712 };
    expect(engineStatsReading('x', { ...V2, memory_stats: sentinel }, 'own').memoryLimitBytes).toBeNull();
  });

  it('counts the whole usage when the engine sends no memory breakdown', () => {
    const bare = { ...V2, memory_stats: { usage: 4096 } };
    expect(engineStatsReading('x', bare, 'own').memoryBytes).toBe(4096);
  });

  it('throws a clear error, naming the container and field, for a body it cannot use', () => {
    // A stopped container: the engine answers with empty memory_stats and zeroed CPU.
    const stopped = { ...V1, memory_stats: {} };
    expect(() => engineStatsReading('web-1', stopped, 'own')).toThrow(
      /^engine stats for web-1 are not usable: memory_stats\.usage: /,
    );
    expect(() => engineStatsReading('web-1', null, 'own')).toThrow(
      /engine stats for web-1 are not usable: \(body\)/,
    );
    const negative = { ...V2, cpu_stats: { cpu_usage: { total_usage: -5 } } };
    expect(() => engineStatsReading('web-1', negative, 'own')).toThrow(/cpu_stats\.cpu_usage\.total_usage/);
    const text = { ...V2, networks: { eth0: { rx_bytes: '12', tx_bytes: 0 } } };
    expect(() => engineStatsReading('web-1', text, 'own')).toThrow(/networks\.eth0\.rx_bytes/);
  });
});
