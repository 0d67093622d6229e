import { describe, expect, it } from 'vitest';
import { sparkTop, sparklinePath } from './sparkline-path.js';

const frame = { end: 60_000, windowMs: 60_000, width: 60, height: 20, top: 2 };

describe('sparklinePath', () => {
  it('places points by time in the window and by value under the top', () => {
    const d = sparklinePath(
      [
        { t: 0, v: 0 },
        { t: 30_000, v: 1 },
        { t: 45_000, v: 0.5 },
        { t: 60_000, v: 2 },
      ],
      frame,
    );
    // x = t / 1000; y = 20 − v / 2 × 20
    expect(d).toBe('M0 20L30 10L45 15L60 0');
  });

  it('breaks the line at nulls, leaves out points before the window and clamps values', () => {
    const d = sparklinePath(
      [
        { t: -1000, v: 1 },
        { t: 10_000, v: 1 },
        { t: 11_000, v: null },
        { t: 12_500, v: 5 },
        { t: 13_000, v: -1 },
      ],
      frame,
    );
    expect(d).toBe('M10 10M12.5 0L13 20');
  });

  it('moves left as the window moves on', () => {
    const points = [
      { t: 50_000, v: 1 },
      { t: 59_000, v: 1 },
    ];
    expect(sparklinePath(points, frame)).toBe('M50 10L59 10');
    expect(sparklinePath(points, { ...frame, end: 61_000 })).toBe('M49 10L58 10');
  });
});

describe('sparkTop', () => {
  it('is a tenth above the largest value, at least the floor', () => {
    expect(sparkTop([0.2, null, 1], 0.1)).toBeCloseTo(1.1, 10);
    expect(sparkTop([0.001, 0.002], 0.1)).toBe(0.1);
    expect(sparkTop([], 5)).toBe(5);
  });
});
