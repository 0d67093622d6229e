import type { MetricsRange } from '@harbourmaster/contracts';

/** The five history tiers, finest first. */
export const TIER_NAMES = ['1s', '10s', '1m', '5m', '1h'] as const;
export type TierName = (typeof TIER_NAMES)[number];
/** The tiers kept in memory only (lost on restart). */
export type MemoryTierName = '1s' | '10s';
/** The tiers written to the metrics database. */
export type PersistedTierName = '1m' | '5m' | '1h';

/** A tier: its bucket width, how long it is kept by default, and whether it survives a restart. */
export interface TierSpec {
  readonly name: TierName;
  /** Bucket width in seconds; buckets start at wall-clock multiples of it. */
  readonly step: number;
  /** Default retention in seconds (for memory tiers: the span of the ring). */
  readonly keep: number;
  readonly persisted: boolean;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every tier's spec, by name. */
export const TIERS: Readonly<Record<TierName, TierSpec>> = Object.freeze({
  '1s': { name: '1s', step: 1, keep: 5 * MINUTE, persisted: false },
  '10s': { name: '10s', step: 10, keep: HOUR, persisted: false },
  '1m': { name: '1m', step: MINUTE, keep: DAY, persisted: true },
  '5m': { name: '5m', step: 5 * MINUTE, keep: 7 * DAY, persisted: true },
  '1h': { name: '1h', step: HOUR, keep: 90 * DAY, persisted: true },
});

/** The persisted tiers, finest first. */
export const PERSISTED_TIERS: readonly PersistedTierName[] = ['1m', '5m', '1h'];

/** A range's length in seconds. */
export const RANGE_SECONDS: Readonly<Record<MetricsRange, number>> = Object.freeze({
  '5m': 5 * MINUTE,
  '1h': HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
  '90d': 90 * DAY,
});

const TIER_OF_RANGE: Readonly<Record<MetricsRange, TierName>> = {
  '5m': '1s',
  '1h': '10s',
  '24h': '1m',
  '7d': '5m',
  '30d': '1h',
  '90d': '1h',
};

/** The tier that answers a range: the finest one that still covers all of it. */
export function tierForRange(range: MetricsRange): TierSpec {
  return TIERS[TIER_OF_RANGE[range]];
}

/** The start of the bucket of width `step` that holds `ts` (both unix seconds). */
export function alignDown(ts: number, step: number): number {
  return Math.floor(ts / step) * step;
}

/** What to read for a range: its tier and the bucket starts `from`..`to`, both inclusive. */
export interface QueryWindow {
  readonly tier: TierSpec;
  readonly from: number;
  readonly to: number;
}

/**
 * The window of a range ending at `now` (unix seconds): buckets whose start lies in
 * (now − range, now], so a 1h range on the 10 s tier gives at most 360 buckets, the last one the
 * (partial) bucket holding `now`.
 * @example queryWindow('1h', 7205) // { tier: TIERS['10s'], from: 3610, to: 7200 }
 */
export function queryWindow(range: MetricsRange, now: number): QueryWindow {
  const tier = tierForRange(range);
  const to = alignDown(now, tier.step);
  return { tier, from: to - RANGE_SECONDS[range] + tier.step, to };
}
