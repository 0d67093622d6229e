import {
  BucketAccumulator,
  FIELDS,
  toRow,
  type Bucket,
  type MetricValuesOf,
  type SeriesKind,
} from './bucket.js';
import { BucketRing } from './bucket-ring.js';
import { TIERS, alignDown, type MemoryTierName, type PersistedTierName, type TierName } from './tiers.js';

/** Where one series' closed persisted buckets go (the metrics store's queue, in the runtime). */
export type PersistSink = (tier: PersistedTierName, bucket: Bucket) => void;

/** One tier's open bucket, the start below which it takes nothing more, and where it closes to. */
interface TierSlot {
  readonly name: TierName;
  readonly step: number;
  readonly acc: BucketAccumulator;
  /** End of the last closed bucket: an older sample would reopen (and overwrite) a written one. */
  closedUntil: number;
  readonly onClose: (bucket: Bucket) => void;
}

/**
 * The 1 min rows to re-seed a series from after a restart: those of the current hour, which holds
 * the current 5 min window too.
 */
export function seedFrom(now: number): number {
  return alignDown(now, TIERS['1h'].step);
}

/**
 * Every tier of one series. Raw samples feed the 1 s and 10 s accumulators (closed into memory
 * rings) and the 1 min one; each closed 1 min bucket is persisted and rolled up into the 5 min and
 * 1 h accumulators, whose closed buckets are persisted too. Samples must come in time order: one
 * older than a bucket already closed is dropped, so a written row is never reopened.
 * @example
 * const s = new SeriesRollup('container', (tier, bucket) => store.enqueue([...]));
 * s.seed(store.loadOpen(id, '1m', seedFrom(now))); // once, before the first sample
 * s.add(now, values); // each sample
 * s.flush(now); // now and then: closes buckets whose window has passed
 */
export class SeriesRollup<K extends SeriesKind> {
  private readonly rings: Record<MemoryTierName, BucketRing>;
  private readonly slots: Record<TierName, TierSlot>;
  private readonly order: readonly TierSlot[];

  constructor(
    readonly kind: K,
    onPersist: PersistSink,
  ) {
    const width = FIELDS[kind].length;
    const ring = (name: MemoryTierName) =>
      new BucketRing(TIERS[name].step, TIERS[name].keep / TIERS[name].step, width);
    this.rings = { '1s': ring('1s'), '10s': ring('10s') };
    const slot = (name: TierName, onClose: (bucket: Bucket) => void): TierSlot => ({
      name,
      step: TIERS[name].step,
      acc: new BucketAccumulator(width),
      closedUntil: -Infinity,
      onClose,
    });
    this.slots = {
      '1s': slot('1s', (b) => this.rings['1s'].put(b)),
      '10s': slot('10s', (b) => this.rings['10s'].put(b)),
      '1m': slot('1m', (b) => {
        onPersist('1m', b);
        this.rollUp(b);
      }),
      '5m': slot('5m', (b) => onPersist('5m', b)),
      '1h': slot('1h', (b) => onPersist('1h', b)),
    };
    // Finest first, so a closing 1 min bucket reaches the 5 min and 1 h ones before they close.
    this.order = [this.slots['1s'], this.slots['10s'], this.slots['1m'], this.slots['5m'], this.slots['1h']];
  }

  /** Adds one sample taken at `tsSeconds` (unix seconds, fractions allowed). */
  add(tsSeconds: number, values: MetricValuesOf<K>): void {
    this.flush(tsSeconds);
    const row = toRow(this.kind, values);
    for (const slot of [this.slots['1s'], this.slots['10s'], this.slots['1m']]) {
      if (this.open(slot, tsSeconds)) slot.acc.addPoint(row);
    }
  }

  /**
   * Closes every bucket whose window ended at or before `now`, even without a new sample (a stopped
   * container's last minute still gets written). `flush(Infinity)` at shutdown closes the partial
   * ones too; after a restart `seed` reopens the partial 5 min and 1 h buckets and their complete
   * rows later replace the partial ones.
   */
  flush(now: number): void {
    for (const slot of this.order) {
      if (slot.acc.isOpen && slot.acc.start + slot.step <= now) this.close(slot);
    }
  }

  /**
   * Re-seeds the open 5 min and 1 h buckets from persisted 1 min rows (oldest first; see `seedFrom`).
   * Call once, before the first sample. Samples in a minute already persisted are then dropped.
   * A seeded row from an earlier window closes (and rewrites) that window's bucket: the repair of
   * one a crash left unwritten.
   */
  seed(minuteBuckets: readonly Bucket[]): void {
    const minute = this.slots['1m'];
    for (const bucket of minuteBuckets) {
      this.rollUp(bucket);
      minute.closedUntil = Math.max(minute.closedUntil, bucket.t + minute.step);
    }
  }

  /**
   * The buckets of a memory tier starting in [from, to], oldest first; the open (partial) bucket is
   * included as the newest, so a chart reaches the present.
   */
  read(tier: MemoryTierName, from: number, to: number): Bucket[] {
    const buckets = this.rings[tier].read(from, to);
    const open = this.openBucket(tier);
    if (open && open.t >= from && open.t <= to) buckets.push(open);
    return buckets;
  }

  /** The open (partial) bucket of a tier, or null when it has no sample yet. */
  openBucket(tier: TierName): Bucket | null {
    const acc = this.slots[tier].acc;
    return acc.isOpen ? acc.snapshot() : null;
  }

  private rollUp(minuteBucket: Bucket): void {
    for (const slot of [this.slots['5m'], this.slots['1h']]) {
      if (this.open(slot, minuteBucket.t)) slot.acc.addBucket(minuteBucket);
    }
  }

  /** Makes `slot` hold the bucket of `ts`, closing an older one; false when `ts` is too late. */
  private open(slot: TierSlot, ts: number): boolean {
    const t = alignDown(ts, slot.step);
    if (t < slot.closedUntil) return false;
    if (slot.acc.isOpen) {
      if (t === slot.acc.start) return true;
      if (t < slot.acc.start) return false;
      this.close(slot);
    }
    slot.acc.begin(t);
    return true;
  }

  private close(slot: TierSlot): void {
    const bucket = slot.acc.close();
    slot.closedUntil = bucket.t + slot.step;
    slot.onClose(bucket);
  }
}
