import SQLite from 'better-sqlite3';
import type { Bucket, SeriesKind } from './bucket.js';
import { decodeRow, encodeValues } from './point-codec.js';
import { PERSISTED_TIERS, TIERS, type PersistedTierName } from './tiers.js';
import {
  END_OF_TIME,
  SCHEMA,
  prepareStatements,
  tierCode,
  type SeriesKey,
  type SeriesRecord,
  type Statements,
} from './metrics-sql.js';

export type { SeriesKey, SeriesRecord } from './metrics-sql.js';

/** One closed bucket to write. */
export interface PointRow {
  series: number;
  tier: PersistedTierName;
  bucket: Bucket;
}

/** Batching and reclaiming knobs; the defaults suit a few hundred containers. */
export interface MetricsStoreOptions {
  /** A queued row is written at most this long after it was queued (0: only by flush/threshold). */
  flushEveryMs?: number;
  /** A queue this long is written at once. */
  flushAtRows?: number;
  /** Pages kept free before incremental vacuum returns any to the filesystem. */
  freeReservePages?: number;
  /** Most pages one prune returns to the filesystem. */
  vacuumPagesPerPrune?: number;
  /** A failed background write (the batch is dropped so a full disk cannot grow memory). */
  onError?: (error: unknown) => void;
}

/** What one prune call did. */
export interface PruneResult {
  points: number;
  series: number;
  vacuumedPages: number;
}

/**
 * Opens (or creates) the metrics database: a file of its own beside the main one, so its writes
 * never hold the main database's lock, in WAL mode with incremental auto-vacuum (set before the
 * first table, the only time SQLite accepts it) so expired history is reclaimed a little at a time.
 */
export function openMetricsStore(file: string, options: MetricsStoreOptions = {}): MetricsStore {
  const db = new SQLite(file);
  try {
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Every minute each container's newest 1 min row lands on its own leaf page (the key is
    // series-first, for fast reads), so a flush dirties ~1.5 pages per container. A larger WAL lets
    // a checkpoint write a leaf once for many minutes of appends: ~30 % fewer bytes to disk.
    db.pragma('wal_autocheckpoint = 8192');
    db.pragma('journal_size_limit = 67108864');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    return new MetricsStore(db, options);
  } catch (error) {
    db.close();
    throw error;
  }
}

const NO_CUTOFFS: Readonly<Record<PersistedTierName, number>> = {
  '1m': -Infinity,
  '5m': -Infinity,
  '1h': -Infinity,
};

/**
 * Whether a tier can hold points in [prunedBefore, cutoff): its points start at multiples of its
 * step, so none can while both bounds round up to the same multiple. This spares a pass over every
 * series for the 5 min and 1 h tiers on most calls.
 */
function mayHaveExpired(tier: PersistedTierName, cutoff: number, prunedBefore: number): boolean {
  const step = TIERS[tier].step;
  return Math.ceil(cutoff / step) > Math.ceil(prunedBefore / step);
}

/** The persisted tiers of every series: batched writes, range reads, retention. */
export class MetricsStore {
  private queue: PointRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly kinds = new Map<number, SeriesKind>();
  /** Where a prune pass over the series goes on (0: a new pass). */
  private pruneCursor = 0;
  /** The cutoffs the current pass started with, and those of the last whole pass. */
  private passCutoffs = NO_CUTOFFS;
  private prunedBefore = NO_CUTOFFS;
  private readonly opts: Required<Omit<MetricsStoreOptions, 'onError'>> &
    Pick<MetricsStoreOptions, 'onError'>;
  private readonly stmt: Statements;

  constructor(
    private readonly db: SQLite.Database,
    options: MetricsStoreOptions,
  ) {
    this.opts = {
      flushEveryMs: 5000,
      flushAtRows: 2000,
      freeReservePages: 1024,
      vacuumPagesPerPrune: 256,
      ...options,
    };
    this.stmt = prepareStatements(db);
  }

  /** The id of a series, created if new; a series seen again is no longer removed. */
  upsertSeries(series: SeriesKey, now: number): number {
    const row = this.stmt.upsert.get(series.host, series.kind, series.key, series.name, now);
    if (!row) throw new Error(`metrics: no id for series ${series.host}/${series.kind}/${series.key}`);
    this.kinds.set(row.id, series.kind);
    return row.id;
  }

  /** Marks a series removed (its container is gone): it stays until its points expire. */
  markRemoved(seriesId: number, now: number): void {
    this.stmt.remove.run(now, seriesId);
  }

  /** Every stored series. */
  listSeries(): SeriesRecord[] {
    return this.stmt.list.all();
  }

  /** Queues closed buckets; they are written together within `flushEveryMs`, or at once past `flushAtRows`. */
  enqueue(rows: readonly PointRow[]): void {
    for (const row of rows) this.queue.push(row);
    if (this.queue.length >= this.opts.flushAtRows) this.flushReporting();
    else if (this.queue.length > 0 && !this.timer && this.opts.flushEveryMs > 0) {
      this.timer = setTimeout(() => this.flushReporting(), this.opts.flushEveryMs);
      this.timer.unref();
    }
  }

  /** Writes the queue in one transaction; returns the rows written. Throws (dropping the batch) on failure. */
  flush(): number {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.queue;
    if (rows.length === 0) return 0;
    this.queue = [];
    this.db.transaction(() => {
      const seen = new Map<number, number>();
      for (const { series, tier, bucket } of rows) {
        const values = encodeValues(this.kindOf(series), bucket);
        this.stmt.insert.run(series, tierCode(tier), bucket.t, bucket.n, ...values);
        seen.set(series, Math.max(seen.get(series) ?? 0, bucket.t));
      }
      for (const [series, t] of seen) this.stmt.seen.run(t, series);
    })();
    return rows.length;
  }

  /** A series' buckets of one tier starting in [from, to], oldest first. */
  query(seriesId: number, tier: PersistedTierName, from: number, to: number): Bucket[] {
    const kind = this.kindOf(seriesId);
    const rows = this.stmt.query.all(seriesId, tierCode(tier), from, to) as (number | null)[][];
    return rows.map((row) => decodeRow(kind, row));
  }

  /** A series' buckets of one tier from `from` on: what `SeriesRollup.seed` takes after a restart. */
  loadOpen(seriesId: number, tier: PersistedTierName, from: number): Bucket[] {
    return this.query(seriesId, tier, from, END_OF_TIME);
  }

  /**
   * Deletes points older than their tier's retention, at most `maxRows` per call (the next call
   * goes on where this one stopped), then series that are removed (or unseen for the longest
   * retention) and have no points left, then returns a few free pages to the filesystem. Each step
   * is short, so the write lock is never held long and there is no VACUUM storm. Run it every few
   * minutes: rarer calls delete several rows per page at once (fewer page writes), but `maxRows`
   * must cover what expires meanwhile (per container about 5 rows of 1 min, 1 of 5 min and 1/12 of
   * 1 h per 5 minutes: ~3,300 rows per 5 min for 500 containers).
   */
  prune(now: number, keepByTier: Readonly<Record<PersistedTierName, number>>, maxRows = 5000): PruneResult {
    this.flush(); // a queued row of a series about to go must land first
    const cutoffs = {
      '1m': now - keepByTier['1m'],
      '5m': now - keepByTier['5m'],
      '1h': now - keepByTier['1h'],
    };
    if (this.pruneCursor === 0) this.passCutoffs = cutoffs;
    const due = PERSISTED_TIERS.filter((tier) =>
      mayHaveExpired(tier, cutoffs[tier], this.prunedBefore[tier]),
    );
    const unseenSince = now - Math.max(...Object.values(keepByTier));
    const result = { points: 0, series: 0, vacuumedPages: 0 };
    this.db.transaction(() => {
      for (const s of this.stmt.seriesAfter.all(this.pruneCursor)) {
        for (const tier of due) {
          const skip = maxRows - result.points - 1;
          const cutoff = cutoffs[tier];
          result.points += this.stmt.deleteExpired.run({
            series: s.id,
            tier: tierCode(tier),
            cutoff,
            skip,
          }).changes;
          if (result.points >= maxRows) {
            this.pruneCursor = s.id - 1; // this series may have more: start there next time
            return;
          }
        }
        const gone = s.removedAt !== null || s.lastSeen < unseenSince;
        if (gone && this.stmt.hasPoints.get(s.id) === undefined) {
          this.stmt.deleteSeries.run(s.id);
          this.kinds.delete(s.id);
          result.series += 1;
        }
        this.pruneCursor = s.id;
      }
      this.pruneCursor = 0;
      this.prunedBefore = this.passCutoffs; // a whole pass: nothing older is left in any series
    })();
    result.vacuumedPages = this.vacuumSome();
    return result;
  }

  /** Writes what is queued and closes the file. */
  close(): void {
    try {
      this.flush();
    } finally {
      this.db.close();
    }
  }

  private vacuumSome(): number {
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    const pages = Math.min(this.opts.vacuumPagesPerPrune, free - this.opts.freeReservePages);
    if (pages <= 0) return 0;
    this.db.pragma(`incremental_vacuum(${pages})`);
    return free - (this.db.pragma('freelist_count', { simple: true }) as number);
  }

  private flushReporting(): void {
    try {
      this.flush();
    } catch (error) {
      this.opts.onError?.(error);
    }
  }

  private kindOf(seriesId: number): SeriesKind {
    let kind = this.kinds.get(seriesId);
    if (!kind) {
      kind = this.stmt.kind.get(seriesId)?.kind;
      if (!kind) throw new Error(`metrics: no series ${seriesId}`);
      this.kinds.set(seriesId, kind);
    }
    return kind;
  }
}
