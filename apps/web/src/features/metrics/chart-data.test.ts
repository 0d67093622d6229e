import { describe, expect, it } from 'vitest';
import { alignedData, appendLive, timeWindow, type SeriesPoint } from './chart-data.js';

type F = 'cpu' | 'memory';
const p = (t: number, cpu: number | null, memory: number | null, peak = 0): SeriesPoint<F> => ({
  t,
  avg: { cpu, memory },
  max: { cpu: cpu === null ? null : cpu + peak, memory },
});

describe('alignedData', () => {
  it('turns points into x seconds and avg/max columns per field', () => {
    expect(alignedData([p(10_000, 0.5, 100, 0.25), p(20_000, 1, 200)], ['cpu', 'memory'], 10)).toEqual([
      [10, 20],
      [0.5, 1],
      [0.75, 1],
      [100, 200],
      [100, 200],
    ]);
  });

  it('breaks the line with a point of nulls where more than two steps were not sampled', () => {
    // 10 s steps: 20 s apart is two steps (kept joined), 50 s apart is a gap.
    expect(alignedData([p(0, 1, 1), p(20_000, 2, 2), p(70_000, 3, 3)], ['cpu'], 10)).toEqual([
      [0, 20, 30, 70],
      [1, 2, null, 3],
      [1, 2, null, 3],
    ]);
  });
});

describe('appendLive', () => {
  it('appends a newer sample and drops points older than the window', () => {
    const out = appendLive([p(0, 1, 1), p(200_000, 1, 1)], 300_500, { cpu: 0.9, memory: 5 }, 300_000);
    expect(out).toEqual([
      p(200_000, 1, 1),
      { t: 300_500, avg: { cpu: 0.9, memory: 5 }, max: { cpu: 0.9, memory: 5 } },
    ]);
  });

  it('skips a sample within the second of the last point, which the history already holds', () => {
    const points = [p(300_000, 1, 1)];
    expect(appendLive(points, 300_400, { cpu: 2, memory: 2 }, 300_000)).toEqual(points);
  });
});

describe('timeWindow', () => {
  it('spans the whole range up to the later of the read time and the newest point', () => {
    expect(timeWindow('24h', [p(1_000_000, 1, 1)], 1_060_000)).toEqual([1060 - 86_400, 1060]);
    // Live points arrive after the read: the window follows them.
    expect(timeWindow('5m', [p(0, 1, 1), p(2_000_000, 1, 1)], 1_000_000)).toEqual([1700, 2000]);
    expect(timeWindow('90d', [], 5_000)).toEqual([5 - 7_776_000, 5]);
  });
});
