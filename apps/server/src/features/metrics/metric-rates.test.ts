import { describe, expect, it } from 'vitest';
import type { ContainerReading, HostReading, MetricsSnapshot } from '@harbourmaster/contracts';
import { containerValues, hostValues, snapshotValues } from './metric-rates.js';

const reading = (over: Partial<ContainerReading> = {}): ContainerReading => ({
  id: 'c1',
  cpuNanos: 10_000_000_000,
  memoryBytes: 50_000_000,
  memoryLimitBytes: null,
  network: 'own',
  net: { rxBytes: 1_000_000, txBytes: 200_000 },
  blkio: { readBytes: 4_096_000, writeBytes: 8_192_000 },
  ...over,
});

const host = (over: Partial<HostReading> = {}): HostReading => ({
  cpuBusySeconds: 1000,
  cpuTotalSeconds: 4000,
  cpus: 4,
  memoryTotalBytes: 8_000_000_000,
  memoryAvailableBytes: 6_000_000_000,
  load: [0.5, 0.4, 0.3],
  net: { rxBytes: 10_000_000, txBytes: 5_000_000 },
  dataDisk: { usedBytes: 25_000_000_000, totalBytes: 100_000_000_000 },
  dockerDisk: null,
  ...over,
});

describe('containerValues', () => {
  it('turns counter deltas into per-second rates and keeps memory as a level', () => {
    // Over 2 s: 1.5 s of CPU, 300 kB in, 60 kB out, 8 kB read, 1 MB written.
    const next = reading({
      cpuNanos: 11_500_000_000,
      memoryBytes: 52_000_000,
      net: { rxBytes: 1_300_000, txBytes: 260_000 },
      blkio: { readBytes: 4_104_192, writeBytes: 9_240_576 },
    });
    expect(containerValues(reading(), next, 2, 4)).toEqual({
      cpu: 0.75,
      cpuPercent: 18.75, // 0.75 of 4 CPUs
      memory: 52_000_000,
      netRx: 150_000,
      netTx: 30_000,
      blkRead: 4096,
      blkWrite: 524_288,
    });
  });

  it('reads one busy core over an uneven interval as 1.0', () => {
    const values = containerValues(reading(), reading({ cpuNanos: 11_250_000_000 }), 1.25, 2);
    expect(values?.cpu).toBe(1);
    expect(values?.cpuPercent).toBe(50);
  });

  it('gives null rates where either side has no counters', () => {
    const hostNet = reading({ network: 'host', net: null });
    expect(containerValues(reading(), hostNet, 1, 4)).toMatchObject({ netRx: null, netTx: null, blkRead: 0 });
    expect(containerValues(hostNet, reading(), 1, 4)).toMatchObject({ netRx: null, netTx: null });
    expect(containerValues(reading({ blkio: null }), reading(), 1, 4)).toMatchObject({
      blkRead: null,
      blkWrite: null,
    });
  });

  it('gives no values across a restart (a counter went backwards)', () => {
    expect(containerValues(reading(), reading({ cpuNanos: 20_000_000 }), 1, 4)).toBeNull();
    expect(containerValues(reading(), reading({ net: { rxBytes: 10, txBytes: 200_000 } }), 1, 4)).toBeNull();
    expect(
      containerValues(reading(), reading({ blkio: { readBytes: 4_096_000, writeBytes: 0 } }), 1, 4),
    ).toBeNull();
  });

  it('gives no values without an interval or a CPU count', () => {
    expect(containerValues(reading(), reading(), 0, 4)).toBeNull();
    expect(containerValues(reading(), reading(), -1, 4)).toBeNull();
    expect(containerValues(reading(), reading(), Number.NaN, 4)).toBeNull();
    expect(containerValues(reading(), reading(), 1, 0)).toBeNull();
  });
});

describe('hostValues', () => {
  it('computes CPU from the busy share of the CPU time that passed', () => {
    // 4 CPUs, a 1 s pass that took 1.02 s of wall clock: 4.08 s of CPU time passed, 1.02 s busy.
    const next = host({
      cpuBusySeconds: 1001.02,
      cpuTotalSeconds: 4004.08,
      memoryAvailableBytes: 5_500_000_000,
      load: [1.25, 0.5, 0.25],
      net: { rxBytes: 10_250_000, txBytes: 5_100_000 },
      dataDisk: { usedBytes: 30_000_000_000, totalBytes: 120_000_000_000 },
      dockerDisk: { usedBytes: 1_000_000_000, totalBytes: 8_000_000_000 },
    });
    const values = hostValues(host(), next, 1);
    // Δbusy / Δtotal = 1.02 / 4.08 = 0.25 whatever the float residue of the subtractions.
    expect(values?.cpu).toBeCloseTo(1, 10);
    expect(values?.cpuPercent).toBeCloseTo(25, 10);
    expect(values).toMatchObject({
      memory: 2_500_000_000,
      load1: 1.25,
      netRx: 250_000,
      netTx: 100_000,
      dataDiskPercent: 25,
      dockerDiskPercent: 12.5,
    });
  });

  it('divides byte counters by the interval', () => {
    const next = host({
      cpuBusySeconds: 1004,
      cpuTotalSeconds: 4016,
      net: { rxBytes: 12_000_000, txBytes: 5_000_000 },
    });
    expect(hostValues(host(), next, 4)).toMatchObject({ cpu: 1, cpuPercent: 25, netRx: 500_000, netTx: 0 });
  });

  it('gives null disk percents for an unknown or empty disk', () => {
    const next = host({ cpuTotalSeconds: 4004, dataDisk: null, dockerDisk: { usedBytes: 0, totalBytes: 0 } });
    expect(hostValues(host(), next, 1)).toMatchObject({ dataDiskPercent: null, dockerDiskPercent: null });
  });

  it('gives no values without an interval, without CPU time passing, or across a reboot', () => {
    const later = host({ cpuBusySeconds: 1001, cpuTotalSeconds: 4004 });
    expect(hostValues(host(), later, 0)).toBeNull();
    expect(hostValues(host(), host(), 1)).toBeNull();
    expect(hostValues(host(), host({ cpuBusySeconds: 3, cpuTotalSeconds: 8 }), 1)).toBeNull();
    expect(hostValues(host(), host({ cpuBusySeconds: 999, cpuTotalSeconds: 4004 }), 1)).toBeNull();
    expect(hostValues(host(), { ...later, net: { rxBytes: 5, txBytes: 5_000_000 } }, 1)).toBeNull();
  });
});

describe('snapshotValues', () => {
  const pass = (
    at: number,
    hostOver: Partial<HostReading>,
    containers: ContainerReading[],
  ): MetricsSnapshot => ({
    at,
    path: 'cgroup',
    cpus: 4,
    host: host(hostOver),
    containers,
  });

  it('pairs containers by id over the wall-clock interval, skipping new and restarted ones', () => {
    const prev = pass(1_000_000, {}, [
      reading({ id: 'a' }),
      reading({ id: 'restarted', cpuNanos: 90_000_000_000 }),
      reading({ id: 'gone' }),
    ]);
    const next = pass(1_002_000, { cpuBusySeconds: 1004, cpuTotalSeconds: 4008 }, [
      reading({ id: 'new' }),
      reading({ id: 'restarted', cpuNanos: 1_000_000 }),
      reading({ id: 'a', cpuNanos: 12_000_000_000 }),
    ]);
    const values = snapshotValues(prev, next);
    expect(values.seconds).toBe(2);
    expect([...values.containers.keys()]).toEqual(['a']);
    // 2 s of CPU in 2 s on a 4-CPU host.
    expect(values.containers.get('a')).toMatchObject({ cpu: 1, cpuPercent: 25, netRx: 0 });
    // 4 of the 8 CPU seconds that passed were busy: half the host, 2 cores.
    expect(values.host).toMatchObject({ cpu: 2, cpuPercent: 50 });
  });

  it('gives container values but no host values where the host cannot be read', () => {
    const prev = { ...pass(1_000_000, {}, [reading({ id: 'a' })]), host: null };
    const next = { ...pass(1_001_000, {}, [reading({ id: 'a', cpuNanos: 11_000_000_000 })]), host: null };
    const values = snapshotValues(prev, next);
    expect(values.host).toBeNull();
    // 1 s of CPU in 1 s on the snapshot's 4 CPUs.
    expect(values.containers.get('a')).toMatchObject({ cpu: 1, cpuPercent: 25 });
  });

  it("pairs readings that carry their own time over that interval (the engine's collection ticks)", () => {
    // The passes are 1 s apart, but the engine's samples 2 s: 2 s of CPU in 2 s is one core, not two.
    const prev = pass(1_000_000, {}, [reading({ id: 'a', at: 999_500 })]);
    const next = pass(1_001_000, {}, [reading({ id: 'a', at: 1_001_500, cpuNanos: 12_000_000_000 })]);
    expect(snapshotValues(prev, next).containers.get('a')).toMatchObject({ cpu: 1, cpuPercent: 25 });
  });

  it('gives nothing for two passes at the same instant', () => {
    const prev = pass(5000, {}, [reading()]);
    const values = snapshotValues(prev, pass(5000, { cpuTotalSeconds: 4004 }, [reading()]));
    expect(values).toEqual({ seconds: 0, host: null, containers: new Map() });
  });
});
