import { describe, expect, it } from 'vitest';
import type { ContainerMetricValues } from '@harbourmaster/contracts';
import type { Bucket } from './bucket.js';
import { SeriesRollup, seedFrom } from './series-rollup.js';
import type { PersistedTierName } from './tiers.js';

/** An hour boundary (1000 h after the epoch), so every tier's buckets start here. */
const T = 3_600_000;

/** A container sample: cpu and memory as given, cpuPercent = cpu × 50, netRx always null. */
const c = (cpu: number, memory = 100, blkRead: number | null = null): ContainerMetricValues => ({
  cpu,
  cpuPercent: cpu * 50,
  memory,
  netRx: null,
  netTx: 0,
  blkRead,
  blkWrite: 0,
});

/** A bucket in container field order with the same derivations as `c`. */
const bucket = (
  t: number,
  n: number,
  avg: [cpu: number, memory: number, blkRead?: number | null],
  max: [cpu: number, memory: number, blkRead?: number | null],
): Bucket => ({
  t,
  n,
  avg: [avg[0], avg[0] * 50, avg[1], null, 0, avg[2] ?? null, 0],
  max: [max[0], max[0] * 50, max[1], null, 0, max[2] ?? null, 0],
});

function setup() {
  const written: [PersistedTierName, Bucket][] = [];
  const series = new SeriesRollup('container', (tier, b) => written.push([tier, b]));
  return { series, written };
}

describe('SeriesRollup', () => {
  it('buckets raw samples by the second and by 10 s, in memory, with the open bucket last', () => {
    const { series, written } = setup();
    series.add(T + 0.2, c(1, 100));
    series.add(T + 0.7, c(3, 300)); // same second: avg 2, 200
    series.add(T + 1.5, c(0.5, 50));
    series.add(T + 3, c(4, 400)); // 2 is a gap: no bucket
    expect(series.read('1s', T, T + 10)).toEqual([
      bucket(T, 2, [2, 200], [3, 300]),
      bucket(T + 1, 1, [0.5, 50], [0.5, 50]),
      bucket(T + 3, 1, [4, 400], [4, 400]),
    ]);
    // All four in the open 10 s bucket: cpu (1 + 3 + 0.5 + 4) / 4 = 2.125, memory 850 / 4 = 212.5.
    expect(series.read('10s', T, T + 10)).toEqual([bucket(T, 4, [2.125, 212.5], [4, 400])]);
    expect(written).toEqual([]);
  });

  it('persists each closed minute and rolls minutes up into 5 min and 1 h weighted by n', () => {
    const { series, written } = setup();
    series.add(T, c(1, 10, 4));
    series.add(T + 20, c(2, 20, null));
    series.add(T + 40, c(3, 30, 8));
    series.add(T + 60, c(6, 60));
    series.add(T + 300, c(8, 80, 2));
    // Minute T: n 3, cpu 6/3 = 2, memory 60/3 = 20, blkRead (4 + 8)/2 = 6 (null skipped, not 0).
    // Minute T+60: n 1. 5 min T: cpu (2·3 + 6·1)/4 = 3, memory (20·3 + 60)/4 = 30, blkRead 6·3/3 = 6.
    expect(written).toEqual([
      ['1m', bucket(T, 3, [2, 20, 6], [3, 30, 8])],
      ['1m', bucket(T + 60, 1, [6, 60], [6, 60])],
      ['5m', bucket(T, 4, [3, 30, 6], [6, 60, 8])],
    ]);
    written.length = 0;
    series.flush(T + 3600);
    // Hour T: n 5, cpu (2·3 + 6 + 8)/5 = 4, memory (60 + 60 + 80)/5 = 40,
    // blkRead (6·3 + 2·1)/(3 + 1) = 5 (the blkRead-less minute T+60 weighs nothing).
    expect(written).toEqual([
      ['1m', bucket(T + 300, 1, [8, 80, 2], [8, 80, 2])],
      ['5m', bucket(T + 300, 1, [8, 80, 2], [8, 80, 2])],
      ['1h', bucket(T, 5, [4, 40, 5], [8, 80, 8])],
    ]);
  });

  it('writes no bucket for a gap', () => {
    const { series, written } = setup();
    series.add(T + 5, c(1));
    series.add(T + 185, c(2)); // minutes T+60 and T+120 had no sample
    series.flush(T + 240);
    expect(written.map(([tier, b]) => [tier, b.t, b.n])).toEqual([
      ['1m', T, 1],
      ['1m', T + 180, 1],
    ]);
  });

  it('closes a bucket whose window has passed without a new sample, not before', () => {
    const { series, written } = setup();
    series.add(T + 10, c(1));
    series.flush(T + 59.9);
    expect(written).toEqual([]);
    series.flush(T + 60);
    expect(written.map(([tier, b]) => [tier, b.t])).toEqual([['1m', T]]);
    series.flush(T + 299);
    expect(written).toHaveLength(1);
    series.flush(T + 300);
    expect(written.map(([tier, b]) => [tier, b.t])).toEqual([
      ['1m', T],
      ['5m', T],
    ]);
    // The 1 s bucket went to the ring on the first flush past its second.
    expect(series.read('1s', T, T + 100)).toEqual([bucket(T + 10, 1, [1, 100], [1, 100])]);
  });

  it('drops a sample older than a closed bucket rather than reopening a written row', () => {
    const { series, written } = setup();
    series.add(T + 10, c(1));
    series.flush(T + 60);
    series.add(T + 30, c(100)); // late
    series.flush(Infinity);
    expect(written).toEqual([
      ['1m', bucket(T, 1, [1, 100], [1, 100])],
      ['5m', bucket(T, 1, [1, 100], [1, 100])],
      ['1h', bucket(T, 1, [1, 100], [1, 100])],
    ]);
  });

  it('re-seeds the open 5 min and 1 h buckets from persisted minutes after a restart', () => {
    const { series, written } = setup();
    expect(seedFrom(T + 150)).toBe(T);
    series.seed([bucket(T, 2, [1, 10], [2, 20]), bucket(T + 60, 1, [4, 40], [4, 40])]);
    series.add(T + 70, c(100, 1000)); // minute T+60 is already written: dropped
    series.add(T + 150, c(5, 50));
    series.flush(T + 3600);
    // 5 min T and hour T: n 4, cpu (1·2 + 4 + 5)/4 = 2.75, memory (20 + 40 + 50)/4 = 27.5.
    expect(written).toEqual([
      ['1m', bucket(T + 120, 1, [5, 50], [5, 50])],
      ['5m', bucket(T, 4, [2.75, 27.5], [5, 50])],
      ['1h', bucket(T, 4, [2.75, 27.5], [5, 50])],
    ]);
  });

  it('rewrites a 5 min bucket that a crash left unwritten when seeded from an earlier window', () => {
    const { series, written } = setup();
    series.seed([bucket(T + 240, 3, [2, 20], [3, 30]), bucket(T + 300, 1, [1, 10], [1, 10])]);
    // Minute T+240 closes the 5 min window T when minute T+300 opens the next one.
    expect(written).toEqual([['5m', bucket(T, 3, [2, 20], [3, 30])]]);
  });

  it('keeps fixed-size memory tiers: the last 5 min of seconds and the last hour of 10 s', () => {
    const { series } = setup();
    for (let k = 0; k <= 370; k++) series.add(T + 10 * k, c(k));
    const tens = series.read('10s', 0, Infinity);
    // Closed k = 0..369, the ring keeps the last 360 (k = 10..369), plus the open k = 370.
    expect(tens).toHaveLength(361);
    expect([tens[0]?.t, tens.at(-1)?.t]).toEqual([T + 100, T + 3700]);
    const seconds = series.read('1s', 0, Infinity);
    // 1 s buckets at every 10th second; newest closed T+3690, span 300 s → from T+3391: k = 340..370.
    expect(seconds.map((b) => b.avg[0])).toEqual(Array.from({ length: 31 }, (_, i) => 340 + i));
  });

  it('takes host samples in the host field order', () => {
    const written: Bucket[] = [];
    const host = new SeriesRollup('host', (_, b) => written.push(b));
    const v = {
      cpu: 1,
      cpuPercent: 25,
      memory: 9,
      load1: 0.5,
      netRx: 2,
      netTx: 3,
      dataDiskPercent: 40,
      dockerDiskPercent: null,
    };
    host.add(T, v);
    host.add(T + 30, { ...v, load1: 1.5, dataDiskPercent: 60 });
    host.flush(T + 60);
    expect(written).toEqual([
      { t: T, n: 2, avg: [1, 25, 9, 1, 2, 3, 50, null], max: [1, 25, 9, 1.5, 2, 3, 60, null] },
    ]);
  });
});
