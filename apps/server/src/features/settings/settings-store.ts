import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  appDataRootSchema,
  timezoneSchema,
  tlsSettingsSchema,
  type TlsSettings,
} from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

/** The settings someone chose; a key nobody set is absent (its default applies). */
export interface StoredSettings {
  appDataRoot?: string;
  timezone?: string;
  tls?: TlsSettings;
}

type Key = keyof StoredSettings;

// Each stored value is read back through the schema it was written with, so a row edited by hand
// (or written by an older build) can never hand the panel a path with `..` or an unknown zone.
const SCHEMAS: { [K in Key]-?: z.ZodType<NonNullable<StoredSettings[K]>, unknown> } = {
  appDataRoot: appDataRootSchema,
  timezone: timezoneSchema,
  tls: tlsSettingsSchema,
};
const KEYS = Object.keys(SCHEMAS) as Key[];

/**
 * The settings table: one row per key, its value as JSON. Writes can join a caller's transaction,
 * so the first-boot setup stores the settings and creates the admin all at once or not at all.
 */
export class SettingsStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** What was chosen; values that no longer pass their schema are left out (their default applies). */
  async read(): Promise<StoredSettings> {
    const rows = await this.db.selectFrom('settings').select(['key', 'value']).execute();
    const out: StoredSettings = {};
    for (const row of rows) {
      const key = KEYS.find((k) => k === row.key);
      if (!key) continue;
      const parsed = SCHEMAS[key].safeParse(parseJson(row.value));
      if (parsed.success) Object.assign(out, { [key]: parsed.data });
    }
    return out;
  }

  /** Stores the keys that are set in `patch`, in one transaction. */
  async write(patch: StoredSettings): Promise<void> {
    await this.db.transaction().execute((tx) => this.writeIn(tx, patch));
  }

  /** Stores the keys that are set in `patch` inside the caller's transaction. */
  async writeIn(tx: Kysely<Database>, patch: StoredSettings): Promise<void> {
    const at = this.now();
    for (const key of KEYS) {
      const value = patch[key];
      if (value === undefined) continue;
      const json = JSON.stringify(value);
      await tx
        .insertInto('settings')
        .values({ key, value: json, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at }))
        .execute();
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
