// The metrics database's tables and statements, kept apart from the store's logic.
import type SQLite from 'better-sqlite3';
import type { SeriesKind } from './bucket.js';
import { VALUE_COLUMNS } from './point-codec.js';
import { TIERS, type PersistedTierName } from './tiers.js';

/** What a series is: a container (key = its id) or a host itself (key = the host id) on a host. */
export interface SeriesKey {
  host: string;
  kind: SeriesKind;
  key: string;
  name: string;
}

/** A stored series. */
export interface SeriesRecord extends SeriesKey {
  id: number;
  lastSeen: number;
  removedAt: number | null;
}

/** The tier column: the step in minutes (1, 5, 60), small integers stored in one byte or none. */
export const tierCode = (tier: PersistedTierName) => TIERS[tier].step / 60;
/** An upper bound for open-ended reads (t is unix seconds). */
export const END_OF_TIME = Number.MAX_SAFE_INTEGER;
const COLS = VALUE_COLUMNS.join(', ');

/**
 * The tables. `points` is WITHOUT ROWID, so its primary key is the only b-tree (no second index to
 * store), and every value column is an integer (see point-codec).
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS series (
  id INTEGER PRIMARY KEY,
  host TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('container', 'host')),
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  last_seen INTEGER NOT NULL,
  removed_at INTEGER,
  UNIQUE (host, kind, key)
);
CREATE TABLE IF NOT EXISTS points (
  series INTEGER NOT NULL,
  tier INTEGER NOT NULL,
  t INTEGER NOT NULL,
  n INTEGER NOT NULL,
  ${VALUE_COLUMNS.map((c) => `${c} INTEGER`).join(', ')},
  PRIMARY KEY (series, tier, t)
) WITHOUT ROWID;`;

/** Every statement the store runs, prepared once. */
export function prepareStatements(db: SQLite.Database) {
  const range = 'series = ? AND tier = ? AND t >= ? AND t <= ?';
  return {
    upsert: db.prepare<[string, string, string, string, number], { id: number }>(
      `INSERT INTO series (host, kind, key, name, last_seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (host, kind, key) DO UPDATE SET name = excluded.name,
         last_seen = max(last_seen, excluded.last_seen), removed_at = NULL
       RETURNING id`,
    ),
    kind: db.prepare<[number], { kind: SeriesKind }>('SELECT kind FROM series WHERE id = ?'),
    seen: db.prepare<[number, number]>('UPDATE series SET last_seen = max(last_seen, ?) WHERE id = ?'),
    remove: db.prepare<[number, number]>('UPDATE series SET removed_at = ? WHERE id = ?'),
    list: db.prepare<[], SeriesRecord>(
      'SELECT id, host, kind, key, name, last_seen AS lastSeen, removed_at AS removedAt FROM series ORDER BY id',
    ),
    insert: db.prepare(
      `INSERT OR REPLACE INTO points (series, tier, t, n, ${COLS}) VALUES (${Array(4 + VALUE_COLUMNS.length)
        .fill('?')
        .join(', ')})`,
    ),
    query: db.prepare(`SELECT t, n, ${COLS} FROM points WHERE ${range} ORDER BY t`).raw(true),
    // At most `skip` + 1 of the oldest expired points of one series' tier: a key range, no rowid
    // and no DELETE … LIMIT (not compiled into SQLite by default).
    deleteExpired: db.prepare<{ series: number; tier: number; cutoff: number; skip: number }>(
      `DELETE FROM points WHERE series = :series AND tier = :tier AND t < coalesce(
         (SELECT t + 1 FROM points WHERE series = :series AND tier = :tier AND t < :cutoff
          ORDER BY t LIMIT 1 OFFSET :skip), :cutoff)`,
    ),
    seriesAfter: db.prepare<[number], { id: number; lastSeen: number; removedAt: number | null }>(
      'SELECT id, last_seen AS lastSeen, removed_at AS removedAt FROM series WHERE id > ? ORDER BY id',
    ),
    hasPoints: db.prepare<[number]>('SELECT 1 FROM points WHERE series = ? LIMIT 1').pluck(true),
    deleteSeries: db.prepare<[number]>('DELETE FROM series WHERE id = ?'),
  };
}
/** The prepared statements, typed. */
export type Statements = ReturnType<typeof prepareStatements>;
