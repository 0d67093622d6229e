import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/**
 * Opens (or creates) the SQLite file in WAL mode and applies pending migrations.
 * Pass ':memory:' for tests.
 */
export async function openDatabase(
  file: string,
): Promise<{ db: Db; schemaVersion: string; close: () => Promise<void> }> {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  const applied = await migrator.getMigrations();
  const schemaVersion = applied.filter((m) => m.executedAt).at(-1)?.name ?? 'none';
  return { db, schemaVersion, close: () => db.destroy() };
}
