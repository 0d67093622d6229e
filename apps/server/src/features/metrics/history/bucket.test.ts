import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ContainerMetricValues, HostMetricValues } from '@harbourmaster/contracts';
import type { CONTAINER_FIELDS, HOST_FIELDS } from './bucket.js';
import { BucketAccumulator, MAX_FIELDS, toRow } from './bucket.js';

describe('field lists', () => {
  it('name every field of the wire values, nothing else', () => {
    expectTypeOf<(typeof CONTAINER_FIELDS)[number]>().toEqualTypeOf<keyof ContainerMetricValues>();
    expectTypeOf<(typeof HOST_FIELDS)[number]>().toEqualTypeOf<keyof HostMetricValues>();
    expect(MAX_FIELDS).toBe(8);
  });

  it('turns values into rows in storage order', () => {
    const c: ContainerMetricValues = {
      blkWrite: 7,
      blkRead: 6,
      netTx: 5,
      netRx: null,
      memory: 3,
      cpuPercent: 2,
      cpu: 1,
    };
    expect(toRow('container', c)).toEqual([1, 2, 3, null, 5, 6, 7]);
    const h: HostMetricValues = {
      cpu: 1,
      cpuPercent: 2,
      memory: 3,
      load1: 4,
      netRx: 5,
      netTx: 6,
      dataDiskPercent: 7,
      dockerDiskPercent: null,
    };
    expect(toRow('host', h)).toEqual([1, 2, 3, 4, 5, 6, 7, null]);
  });
});

describe('BucketAccumulator', () => {
  it('averages and maximises raw samples per field', () => {
    const acc = new BucketAccumulator(3);
    acc.begin(120);
    acc.addPoint([1, 10, 0.5]);
    acc.addPoint([2, 30, 0.25]);
    acc.addPoint([6, 20, 0.75]);
    // avg: 9/3 = 3, 60/3 = 20, 1.5/3 = 0.5; max: 6, 30, 0.75.
    expect(acc.close()).toEqual({ t: 120, n: 3, avg: [3, 20, 0.5], max: [6, 30, 0.75] });
    expect(acc.isOpen).toBe(false);
  });

  it('skips nulls instead of counting them as 0, and keeps an all-null field null', () => {
    const acc = new BucketAccumulator(3);
    acc.begin(0);
    acc.addPoint([4, null, null]);
    acc.addPoint([null, 8, null]);
    acc.addPoint([2, Number.NaN, null]);
    // field 0: (4 + 2) / 2 = 3 (not 6/3 = 2); field 1: 8 / 1 (NaN skipped like null).
    expect(acc.close()).toEqual({ t: 0, n: 3, avg: [3, 8, null], max: [4, 8, null] });
  });

  it('rolls buckets up weighted by their sample counts', () => {
    const acc = new BucketAccumulator(2);
    acc.begin(300);
    acc.addBucket({ t: 300, n: 60, avg: [1, null], max: [5, null] });
    acc.addBucket({ t: 360, n: 30, avg: [4, 2], max: [9, 3] });
    acc.addBucket({ t: 420, n: 10, avg: [0, null], max: [0, null] });
    // field 0: (1·60 + 4·30 + 0·10) / 100 = 180 / 100 = 1.8; max 9.
    // field 1: only the second bucket has it: 2·30 / 30 = 2; max 3.
    expect(acc.close()).toEqual({ t: 300, n: 100, avg: [1.8, 2], max: [9, 3] });
  });

  it('ignores an empty bucket and is not open until it has a sample', () => {
    const acc = new BucketAccumulator(1);
    acc.begin(60);
    acc.addBucket({ t: 60, n: 0, avg: [100], max: [100] });
    expect(acc.isOpen).toBe(false);
    acc.addPoint([-2]);
    expect(acc.isOpen).toBe(true);
    expect(acc.snapshot()).toEqual({ t: 60, n: 1, avg: [-2], max: [-2] });
  });

  it('starts afresh on begin', () => {
    const acc = new BucketAccumulator(1);
    acc.begin(0);
    acc.addPoint([100]);
    acc.begin(60);
    acc.addPoint([1]);
    expect(acc.close()).toEqual({ t: 60, n: 1, avg: [1], max: [1] });
  });
});
