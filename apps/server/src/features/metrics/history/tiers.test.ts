import { describe, expect, it } from 'vitest';
import { TIERS, alignDown, queryWindow, tierForRange } from './tiers.js';

describe('tiers', () => {
  it('has the issue’s steps, retention and persistence', () => {
    expect(Object.values(TIERS).map((t) => [t.name, t.step, t.keep, t.persisted])).toEqual([
      ['1s', 1, 300, false],
      ['10s', 10, 3600, false],
      ['1m', 60, 86_400, true],
      ['5m', 300, 604_800, true],
      ['1h', 3600, 7_776_000, true],
    ]);
  });

  it('picks the finest tier that covers each range', () => {
    expect(tierForRange('5m').name).toBe('1s');
    expect(tierForRange('1h').name).toBe('10s');
    expect(tierForRange('24h').name).toBe('1m');
    expect(tierForRange('7d').name).toBe('5m');
    expect(tierForRange('30d').name).toBe('1h');
    expect(tierForRange('90d').name).toBe('1h');
  });

  it('aligns to wall-clock multiples of the step', () => {
    // 1_700_000_040 = 28_333_334 × 60; 1_700_002_800 = 472_223 × 3600.
    expect(alignDown(1_700_000_099.9, 60)).toBe(1_700_000_040);
    expect(alignDown(1_700_000_040, 60)).toBe(1_700_000_040);
    expect(alignDown(1_700_000_039, 60)).toBe(1_699_999_980);
    expect(alignDown(1_700_006_399, 3600)).toBe(1_700_002_800);
    expect(alignDown(12.7, 1)).toBe(12);
  });

  it('gives a window of whole buckets ending with the one that holds now', () => {
    // 1h on 10 s: to = 7200, from = 7200 − 3600 + 10 → 360 buckets.
    expect(queryWindow('1h', 7205)).toEqual({ tier: TIERS['10s'], from: 3610, to: 7200 });
    // 5m on 1 s at an exact second: 300 buckets 701..1000.
    expect(queryWindow('5m', 1000)).toEqual({ tier: TIERS['1s'], from: 701, to: 1000 });
    // 90d on 1h: 2160 buckets; now = 100 days + 30 min → to = 8_640_000.
    const w = queryWindow('90d', 8_641_800);
    expect(w).toEqual({ tier: TIERS['1h'], from: 864_000 + 3600, to: 8_640_000 });
    expect((w.to - w.from) / 3600 + 1).toBe(2160);
  });
});
