import { FIELDS, MAX_FIELDS, type Bucket, type SeriesKind } from './bucket.js';

/**
 * How each field is stored as an integer: cores as millicores, percents and load in hundredths,
 * bytes and bytes/s as they are. Integers keep the row small (SQLite stores 0–8 bytes by magnitude,
 * a REAL always 8): the 90-day budget of 300 MB for 500 containers depends on it.
 */
const SCALE_BY_FIELD: Readonly<Record<string, number>> = {
  cpu: 1000,
  cpuPercent: 100,
  load1: 100,
  dataDiskPercent: 100,
  dockerDiskPercent: 100,
};

const SCALES: Readonly<Record<SeriesKind, readonly number[]>> = {
  container: FIELDS.container.map((f) => SCALE_BY_FIELD[f] ?? 1),
  host: FIELDS.host.map((f) => SCALE_BY_FIELD[f] ?? 1),
};

/** The value columns of a stored point: the averages, then the maxima, MAX_FIELDS of each. */
export const VALUE_COLUMNS: readonly string[] = [
  ...Array.from({ length: MAX_FIELDS }, (_, i) => `a${i}`),
  ...Array.from({ length: MAX_FIELDS }, (_, i) => `m${i}`),
];

const encode = (v: number | null | undefined, scale: number): number | null =>
  v === null || v === undefined ? null : Math.round(v * scale);

/** A bucket's values as the integer columns of VALUE_COLUMNS (null where the field is null or absent). */
export function encodeValues(kind: SeriesKind, bucket: Bucket): (number | null)[] {
  const scales = SCALES[kind];
  const out: (number | null)[] = new Array<number | null>(2 * MAX_FIELDS).fill(null);
  for (let i = 0; i < scales.length; i++) {
    out[i] = encode(bucket.avg[i], scales[i]!);
    out[MAX_FIELDS + i] = encode(bucket.max[i], scales[i]!);
  }
  return out;
}

/** A stored row (t, n, then the VALUE_COLUMNS) back as a bucket of the kind's width. */
export function decodeRow(kind: SeriesKind, row: readonly (number | null)[]): Bucket {
  const scales = SCALES[kind];
  const avg: (number | null)[] = [];
  const max: (number | null)[] = [];
  for (let i = 0; i < scales.length; i++) {
    const a = row[2 + i];
    const m = row[2 + MAX_FIELDS + i];
    avg.push(a === null || a === undefined ? null : a / scales[i]!);
    max.push(m === null || m === undefined ? null : m / scales[i]!);
  }
  return { t: row[0]!, n: row[1]!, avg, max };
}
