import { describe, expect, it } from 'vitest';
import { BucketRing } from './bucket-ring.js';

const b = (t: number, v: number | null, n = 1) => ({ t, n, avg: [v], max: [v === null ? null : v * 2] });

describe('BucketRing', () => {
  it('returns the buckets in a window, oldest first, skipping gaps', () => {
    const ring = new BucketRing(10, 4, 1);
    ring.put(b(100, 1));
    ring.put(b(110, 2.5, 3));
    // 120 is a gap: no bucket, not a zero bucket.
    ring.put(b(130, null));
    expect(ring.read(0, 1000)).toEqual([
      { t: 100, n: 1, avg: [1], max: [2] },
      { t: 110, n: 3, avg: [2.5], max: [5] },
      { t: 130, n: 1, avg: [null], max: [null] },
    ]);
    // Bounds are inclusive; a non-aligned `from` starts at the next bucket.
    expect(ring.read(101, 130).map((x) => x.t)).toEqual([110, 130]);
    expect(ring.read(110, 110).map((x) => x.t)).toEqual([110]);
  });

  it('wraps: the newest buckets overwrite the oldest, and a stale slot is never read', () => {
    const ring = new BucketRing(10, 4, 1);
    for (const t of [100, 110, 120, 130, 140, 150]) ring.put(b(t, t));
    // Capacity 4: 140 took 100's slot (14 mod 4 = 10 mod 4 = 2), 150 took 110's.
    expect(ring.read(0, 1000).map((x) => [x.t, x.avg[0]])).toEqual([
      [120, 120],
      [130, 130],
      [140, 140],
      [150, 150],
    ]);
    // A jump past a gap: 200 lands in slot 0 (held 120); 130..150 are now outside the span
    // (oldest covered start = 200 − 3·10 = 170) even though their slots still hold them.
    ring.put(b(200, 7));
    expect(ring.read(0, 1000)).toEqual([{ t: 200, n: 1, avg: [7], max: [14] }]);
  });

  it('ignores a bucket older than its span', () => {
    const ring = new BucketRing(1, 3, 1);
    ring.put(b(10, 1));
    ring.put(b(7, 9)); // oldest covered is 10 − 2 = 8
    ring.put(b(9, 3)); // within span, out of order: kept
    expect(ring.read(0, 100).map((x) => x.t)).toEqual([9, 10]);
  });

  it('reads nothing while empty, whatever the window', () => {
    const ring = new BucketRing(1, 3, 2);
    expect(ring.read(-Infinity, Infinity)).toEqual([]);
  });
});
