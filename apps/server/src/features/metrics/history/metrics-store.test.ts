import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bucket } from './bucket.js';
import { openMetricsStore, type MetricsStore, type MetricsStoreOptions } from './metrics-store.js';

let dir: string;
let file: string;
let store: MetricsStore | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hm-metrics-store-'));
  file = join(dir, 'metrics.db');
});
afterEach(() => {
  store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const open = (options: MetricsStoreOptions = {}) =>
  (store = openMetricsStore(file, { flushEveryMs: 0, ...options }));
const web = { host: 'local', kind: 'container' as const, key: 'c0ffee', name: 'web' };
/** A container bucket: cpu `v` cores, memory `v` MB, the rest null. */
const cb = (t: number, v: number, n = 60): Bucket => ({
  t,
  n,
  avg: [v, null, v * 1e6, null, null, null, null],
  max: [v * 2, null, v * 2e6, null, null, null, null],
});
const ts = (buckets: Bucket[]) => buckets.map((b) => b.t);

describe('metrics store', () => {
  it('creates its own WAL file with incremental auto-vacuum', () => {
    open();
    const peek = new SQLite(file, { readonly: true });
    expect(peek.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(peek.pragma('auto_vacuum', { simple: true })).toBe(2); // 2 = INCREMENTAL
    const ddl = peek.prepare("SELECT sql FROM sqlite_master WHERE name = 'points'").pluck().get() as string;
    expect(ddl).toMatch(/PRIMARY KEY \(series, tier, t\)\n\) WITHOUT ROWID/);
    peek.close();
  });

  it('keeps one id per series; seeing it again renames it and clears its removal', () => {
    const s = open();
    const id = s.upsertSeries(web, 100);
    s.markRemoved(id, 150);
    expect(s.listSeries()).toEqual([{ id, ...web, lastSeen: 100, removedAt: 150 }]);
    expect(s.upsertSeries({ ...web, name: 'web-2' }, 200)).toBe(id);
    const db = s.upsertSeries({ ...web, key: 'beef' }, 200);
    expect(db).not.toBe(id);
    expect(s.listSeries()).toEqual([
      { id, ...web, name: 'web-2', lastSeen: 200, removedAt: null },
      { id: db, ...web, key: 'beef', lastSeen: 200, removedAt: null },
    ]);
  });

  it('writes queued buckets and reads a tier’s window back in time order, as integers', () => {
    const s = open();
    const id = s.upsertSeries(web, 0);
    s.enqueue([
      { series: id, tier: '1m', bucket: cb(180, 0.5) },
      { series: id, tier: '1m', bucket: cb(60, 0.25) },
      { series: id, tier: '5m', bucket: cb(0, 9) },
      {
        series: id,
        tier: '1m',
        bucket: {
          t: 120,
          n: 3,
          avg: [0.0004, 12.345, 1.6, 7, 8, null, 0],
          max: [0.0016, 50, 2.4, 7, 8, null, 0],
        },
      },
    ]);
    expect(s.query(id, '1m', 0, 1000)).toEqual([]); // not written until flushed
    expect(s.flush()).toBe(4);
    // cpu 0.0004 cores → 0 millicores, 0.0016 → 2 → 0.002; 12.345 % → 1235 hundredths; 1.6 B → 2.
    expect(s.query(id, '1m', 60, 180)).toEqual([
      cb(60, 0.25),
      { t: 120, n: 3, avg: [0, 12.35, 2, 7, 8, null, 0], max: [0.002, 50, 2, 7, 8, null, 0] },
      cb(180, 0.5),
    ]);
    expect(ts(s.query(id, '1m', 61, 179))).toEqual([120]);
    expect(s.query(id, '5m', 0, 1000)).toEqual([cb(0, 9)]);
    expect(ts(s.loadOpen(id, '1m', 120))).toEqual([120, 180]);
    expect(s.listSeries()[0]?.lastSeen).toBe(180);
  });

  it('replaces a bucket written twice (a restart rewriting a repaired roll-up)', () => {
    const s = open();
    const id = s.upsertSeries(web, 0);
    s.enqueue([{ series: id, tier: '1h', bucket: cb(3600, 1, 10) }]);
    s.flush();
    s.enqueue([{ series: id, tier: '1h', bucket: cb(3600, 2, 60) }]);
    s.flush();
    expect(s.query(id, '1h', 0, 7200)).toEqual([cb(3600, 2, 60)]);
  });

  it('writes at once when the queue reaches flushAtRows, and by timer otherwise', async () => {
    const s = open({ flushAtRows: 3, flushEveryMs: 20 });
    const id = s.upsertSeries(web, 0);
    s.enqueue([1, 2].map((k) => ({ series: id, tier: '1m' as const, bucket: cb(k * 60, k) })));
    expect(s.query(id, '1m', 0, 1000)).toEqual([]);
    s.enqueue([{ series: id, tier: '1m', bucket: cb(180, 3) }]);
    expect(ts(s.query(id, '1m', 0, 1000))).toEqual([60, 120, 180]);
    s.enqueue([{ series: id, tier: '1m', bucket: cb(240, 4) }]);
    await new Promise((r) => setTimeout(r, 60));
    expect(ts(s.query(id, '1m', 0, 1000))).toEqual([60, 120, 180, 240]);
  });

  it('reports a failed background write and drops that batch', async () => {
    const errors: unknown[] = [];
    const s = open({ flushEveryMs: 10, onError: (e) => errors.push(e) });
    s.enqueue([{ series: 999, tier: '1m', bucket: cb(60, 1) }]);
    await new Promise((r) => setTimeout(r, 40));
    expect(errors.map(String)).toEqual(['Error: metrics: no series 999']);
    expect(s.flush()).toBe(0);
  });

  it('keeps what close() flushed across a reopen', () => {
    const s = open();
    const id = s.upsertSeries(web, 0);
    s.enqueue([{ series: id, tier: '1m', bucket: cb(60, 1) }]);
    s.close();
    store = undefined;
    const again = open();
    expect(again.query(id, '1m', 0, 100)).toEqual([cb(60, 1)]);
  });
});

describe('metrics store retention', () => {
  const keep = { '1m': 300, '5m': 3000, '1h': 30_000 };

  it('deletes expired points at most maxRows a call, going on where it stopped', () => {
    const s = open();
    const a = s.upsertSeries(web, 0);
    const b = s.upsertSeries({ ...web, key: 'b' }, 0);
    for (const id of [a, b]) {
      s.enqueue(
        Array.from({ length: 10 }, (_, i) => ({
          series: id,
          tier: '1m' as const,
          bucket: cb(60 * (i + 1), 1),
        })),
      );
      s.enqueue([{ series: id, tier: '5m', bucket: cb(0, 1) }]);
    }
    // now 700: 1m cutoff 400 → 60..360 expire (6 per series); 5m cutoff −2300 → none.
    expect(s.prune(700, keep, 4).points).toBe(4);
    expect(ts(s.query(a, '1m', 0, 1000))).toEqual([300, 360, 420, 480, 540, 600]);
    expect(s.prune(700, keep, 4).points).toBe(4); // a's last 2, then b's first 2
    expect(ts(s.query(a, '1m', 0, 1000))).toEqual([420, 480, 540, 600]);
    expect(ts(s.query(b, '1m', 0, 1000))).toEqual([180, 240, 300, 360, 420, 480, 540, 600]);
    expect(s.prune(700, keep, 4).points).toBe(4);
    expect(s.prune(700, keep, 4).points).toBe(0);
    expect(ts(s.query(b, '1m', 0, 1000))).toEqual([420, 480, 540, 600]);
    expect(ts(s.query(b, '5m', 0, 1000))).toEqual([0]);
  });

  it('skips a tier until its cutoff passes the start of a bucket no whole pass has covered', () => {
    const s = open();
    const id = s.upsertSeries(web, 0);
    s.enqueue([{ series: id, tier: '1m', bucket: cb(300, 1) }]);
    // now 700: cutoff 400 → 300 goes; the pass is whole, so nothing below 400 is left.
    expect(s.prune(700, keep).points).toBe(1);
    // A point below that (as a late write could leave) is not looked for while the cutoff stays
    // in (360, 420]: no bucket can start there…
    s.enqueue([{ series: id, tier: '1m', bucket: cb(360, 1) }]);
    expect(s.prune(719, keep).points).toBe(0);
    // …and is deleted once the cutoff passes 420, the next bucket start (ceil(421 / 60) = 8 > 7).
    expect(s.prune(721, keep).points).toBe(1);
    expect(s.query(id, '1m', 0, 1000)).toEqual([]);
  });

  it('keeps a removed series until its last points expire, then deletes it', () => {
    const s = open();
    const gone = s.upsertSeries(web, 0);
    const idle = s.upsertSeries({ ...web, key: 'idle' }, 10_000); // no points yet, not removed
    s.enqueue([
      { series: gone, tier: '1m', bucket: cb(60, 1) },
      { series: gone, tier: '1h', bucket: cb(3600, 1) },
    ]);
    s.markRemoved(gone, 4000);
    // now 5000: the 1m point expired (cutoff 4700), the 1h one is kept until now > 33_600.
    expect(s.prune(5000, keep)).toEqual({ points: 1, series: 0, vacuumedPages: 0 });
    expect(s.listSeries().map((r) => r.id)).toEqual([gone, idle]);
    expect(s.prune(33_600, keep)).toEqual({ points: 0, series: 0, vacuumedPages: 0 });
    expect(s.prune(33_601, keep)).toEqual({ points: 1, series: 1, vacuumedPages: 0 });
    expect(s.listSeries().map((r) => r.key)).toEqual(['idle']);
    // A series unseen for longer than the longest retention goes too once it has no points.
    expect(s.prune(40_000, keep).series).toBe(0);
    expect(s.prune(40_001, keep).series).toBe(1);
    expect(s.listSeries()).toEqual([]);
  });

  it('returns a few free pages per call beyond a reserve, not all at once', () => {
    const s = open({ freeReservePages: 100, vacuumPagesPerPrune: 50, flushAtRows: 100_000 });
    const id = s.upsertSeries(web, 0);
    s.enqueue(
      Array.from({ length: 30_000 }, (_, i) => ({ series: id, tier: '1m' as const, bucket: cb(60 * i, i) })),
    );
    s.flush();
    const pages = () => s['db'].pragma('page_count', { simple: true }) as number;
    const before = pages();
    expect(s.prune(60 * 30_000 + 300, keep, 30_000)).toEqual({
      points: 30_000,
      series: 0,
      vacuumedPages: 50,
    });
    expect(pages()).toBe(before - 50);
    expect(s.prune(60 * 30_000 + 300, keep, 30_000).vacuumedPages).toBe(50);
    expect(pages()).toBe(before - 100);
  });
});
