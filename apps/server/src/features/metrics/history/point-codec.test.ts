import { describe, expect, it } from 'vitest';
import { VALUE_COLUMNS, decodeRow, encodeValues } from './point-codec.js';

describe('point codec', () => {
  it('names the averages then the maxima, eight of each', () => {
    expect(VALUE_COLUMNS.join(' ')).toBe('a0 a1 a2 a3 a4 a5 a6 a7 m0 m1 m2 m3 m4 m5 m6 m7');
  });

  it('stores container cores as millicores, percent in hundredths, bytes as they are', () => {
    const b = {
      t: 60,
      n: 3,
      // cpu, cpuPercent, memory, netRx, netTx, blkRead, blkWrite
      avg: [0.2504, 12.345, 104_857_600.4, null, 1536, 0, 7],
      max: [1.5, 75.001, 209_715_200, null, 4096.6, 0, 7],
    };
    const cols = encodeValues('container', b);
    expect(cols).toEqual([
      250,
      1235,
      104_857_600,
      null,
      1536,
      0,
      7,
      null,
      1500,
      7500,
      209_715_200,
      null,
      4097,
      0,
      7,
      null,
    ]);
    expect(decodeRow('container', [60, 3, ...cols])).toEqual({
      t: 60,
      n: 3,
      avg: [0.25, 12.35, 104_857_600, null, 1536, 0, 7],
      max: [1.5, 75, 209_715_200, null, 4097, 0, 7],
    });
  });

  it('stores host load and disk percents in hundredths, all eight fields', () => {
    const b = {
      t: 3600,
      n: 60,
      avg: [2, 50, 8e9, 1.25, 10, 20, 33.333, null],
      max: [4, 100, 9e9, 3.5, 30, 40, 33.34, null],
    };
    const cols = encodeValues('host', b);
    expect(cols).toEqual([
      2000,
      5000,
      8e9,
      125,
      10,
      20,
      3333,
      null,
      4000,
      10_000,
      9e9,
      350,
      30,
      40,
      3334,
      null,
    ]);
    expect(decodeRow('host', [3600, 60, ...cols])).toEqual({
      t: 3600,
      n: 60,
      avg: [2, 50, 8e9, 1.25, 10, 20, 33.33, null],
      max: [4, 100, 9e9, 3.5, 30, 40, 33.34, null],
    });
  });
});
