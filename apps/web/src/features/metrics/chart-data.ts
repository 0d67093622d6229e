import type { MetricsRange } from '@harbourmaster/contracts';

/** One point of a metrics series as the API returns it: bucket start (unix ms), avg and max per field. */
export interface SeriesPoint<F extends string> {
  t: number;
  avg: Readonly<Record<F, number | null>>;
  max: Readonly<Record<F, number | null>>;
}

/** uPlot's aligned data: x (unix seconds) first, then one array of values per series. */
export type AlignedData = [number[], ...Array<Array<number | null>>];

/**
 * The points as uPlot columns: x in seconds, then avg and max of each field in turn. Where the gap
 * to the next point is longer than two steps (the container was stopped, the daemon was down), a
 * point of nulls goes in, so the line breaks there instead of bridging the time nothing was sampled.
 * @example
 * alignedData([{ t: 0, avg: { cpu: 1 }, max: { cpu: 2 } }], ['cpu'], 10) // [[0], [1], [2]]
 */
export function alignedData<F extends string>(
  points: ReadonlyArray<SeriesPoint<F>>,
  fields: readonly F[],
  stepSeconds: number,
): AlignedData {
  const xs: number[] = [];
  const ys = fields.flatMap(() => [[] as Array<number | null>, [] as Array<number | null>]);
  let prev: number | null = null;
  for (const p of points) {
    if (prev !== null && p.t - prev > 2 * stepSeconds * 1000) {
      xs.push((prev + stepSeconds * 1000) / 1000);
      for (const column of ys) column.push(null);
    }
    xs.push(p.t / 1000);
    fields.forEach((f, i) => {
      ys[2 * i]?.push(p.avg[f]);
      ys[2 * i + 1]?.push(p.max[f]);
    });
    prev = p.t;
  }
  return [xs, ...ys];
}

/**
 * Adds a live sample to the points of the 5-minute range: skipped when it falls in the last point's
 * second (the history already has it), and points older than `windowMs` before it are dropped.
 */
export function appendLive<F extends string>(
  points: ReadonlyArray<SeriesPoint<F>>,
  at: number,
  values: Readonly<Record<F, number | null>>,
  windowMs: number,
): Array<SeriesPoint<F>> {
  const last = points.at(-1);
  if (last && at - last.t < 1000) return [...points];
  return [...points, { t: at, avg: values, max: values }].filter((p) => p.t > at - windowMs);
}

const RANGE_SECONDS: Record<MetricsRange, number> = {
  '5m': 300,
  '1h': 3600,
  '24h': 86_400,
  '7d': 7 * 86_400,
  '30d': 30 * 86_400,
  '90d': 90 * 86_400,
};

/**
 * The x range a chart shows, in unix seconds: the whole requested range up to now (the later of when
 * it was read and its newest point), so a young container's minute of data sits at the right of a
 * 24-hour chart instead of being stretched across it.
 */
export function timeWindow(
  range: MetricsRange,
  points: ReadonlyArray<{ t: number }>,
  readAt: number,
): [number, number] {
  const end = Math.max(readAt, points.at(-1)?.t ?? 0) / 1000;
  return [end - RANGE_SECONDS[range], end];
}

/** Axis steps in powers of two (…, 256 KiB, 512 KiB, 1 MiB, …): memory ticks land on round binary sizes. */
export const BINARY_INCRS: readonly number[] = Array.from({ length: 50 }, (_, i) => 2 ** i);
