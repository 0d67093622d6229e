import type { ContainerMetricValues, HostMetricValues } from '@harbourmaster/contracts';

/** What a series measures: one container, or a host itself. */
export type SeriesKind = 'container' | 'host';

/** A container bucket's fields, in storage order (never reorder: the database stores by index). */
export const CONTAINER_FIELDS = [
  'cpu',
  'cpuPercent',
  'memory',
  'netRx',
  'netTx',
  'blkRead',
  'blkWrite',
] as const satisfies readonly (keyof ContainerMetricValues)[];

/** A host bucket's fields, in storage order (never reorder: the database stores by index). */
export const HOST_FIELDS = [
  'cpu',
  'cpuPercent',
  'memory',
  'load1',
  'netRx',
  'netTx',
  'dataDiskPercent',
  'dockerDiskPercent',
] as const satisfies readonly (keyof HostMetricValues)[];

/** The values one sample of a series of kind `K` carries. */
export type MetricValuesOf<K extends SeriesKind> = K extends 'container'
  ? ContainerMetricValues
  : HostMetricValues;

/** The field list of each kind. */
export const FIELDS: Readonly<Record<SeriesKind, readonly string[]>> = {
  container: CONTAINER_FIELDS,
  host: HOST_FIELDS,
};

/** The most fields any kind has (columns the database reserves). */
export const MAX_FIELDS = Math.max(CONTAINER_FIELDS.length, HOST_FIELDS.length);

/**
 * One bucket of one series: `n` samples whose bucket starts at `t` (unix seconds), with the average
 * and maximum of each field in the kind's field order; null where no sample had that field.
 */
export interface Bucket {
  t: number;
  n: number;
  avg: (number | null)[];
  max: (number | null)[];
}

/** A sample's values as a row in the kind's field order. */
export function toRow<K extends SeriesKind>(kind: K, values: MetricValuesOf<K>): (number | null)[] {
  const record = values as unknown as Record<string, number | null>;
  return FIELDS[kind].map((field) => record[field] ?? null);
}

const usable = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Accumulates raw samples or finer buckets into one bucket. Averages are weighted by sample count
 * (a merged bucket counts as its `n` samples); null (or non-finite) values are skipped, not counted
 * as 0, so a field null in every input stays null.
 * @example
 * const acc = new BucketAccumulator(1);
 * acc.begin(60); acc.addPoint([1]); acc.addPoint([3]);
 * acc.close(); // { t: 60, n: 2, avg: [2], max: [3] }
 */
export class BucketAccumulator {
  private t = 0;
  private n = 0;
  private readonly sums: Float64Array;
  private readonly weights: Float64Array;
  private readonly maxes: Float64Array;

  constructor(readonly width: number) {
    this.sums = new Float64Array(width);
    this.weights = new Float64Array(width);
    this.maxes = new Float64Array(width).fill(-Infinity);
  }

  /** Whether a bucket is open (begun and not closed since). */
  get isOpen(): boolean {
    return this.n > 0;
  }

  /** The open bucket's start (meaningful only while open). */
  get start(): number {
    return this.t;
  }

  /** Discards anything accumulated and starts an empty bucket at `t`. */
  begin(t: number): void {
    this.t = t;
    this.n = 0;
    this.sums.fill(0);
    this.weights.fill(0);
    this.maxes.fill(-Infinity);
  }

  /** Adds one raw sample (a row in field order). */
  addPoint(row: readonly (number | null)[]): void {
    this.n += 1;
    for (let i = 0; i < this.width; i++) {
      const v = row[i];
      if (!usable(v)) continue;
      this.sums[i]! += v;
      this.weights[i]! += 1;
      if (v > this.maxes[i]!) this.maxes[i] = v;
    }
  }

  /** Adds a finer bucket, weighted by its sample count. */
  addBucket(bucket: Bucket): void {
    if (bucket.n <= 0) return;
    this.n += bucket.n;
    for (let i = 0; i < this.width; i++) {
      const avg = bucket.avg[i];
      if (usable(avg)) {
        this.sums[i]! += avg * bucket.n;
        this.weights[i]! += bucket.n;
      }
      const max = bucket.max[i];
      if (usable(max) && max > this.maxes[i]!) this.maxes[i] = max;
    }
  }

  /** The bucket as accumulated so far, without closing it. */
  snapshot(): Bucket {
    const avg: (number | null)[] = [];
    const max: (number | null)[] = [];
    for (let i = 0; i < this.width; i++) {
      const w = this.weights[i]!;
      avg.push(w > 0 ? this.sums[i]! / w : null);
      max.push(this.maxes[i]! === -Infinity ? null : this.maxes[i]!);
    }
    return { t: this.t, n: this.n, avg, max };
  }

  /** Returns the bucket and leaves the accumulator closed (not open until the next `begin`). */
  close(): Bucket {
    const bucket = this.snapshot();
    this.n = 0;
    return bucket;
  }
}
