import {
  DEFAULT_METRICS_SETTINGS,
  metricsSettingsSchema,
  type MetricsSettings,
} from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';

export type { MetricsSettings };

const KEY = 'metrics';

/** The metrics settings, in the settings table under one key; defaults for what was never chosen. */
export class MetricsSettingsStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async read(): Promise<MetricsSettings> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', KEY)
      .executeTakeFirst();
    if (!row) return DEFAULT_METRICS_SETTINGS;
    // A row edited by hand (or by an older build) falls back to the defaults rather than crash.
    const parsed = metricsSettingsSchema.safeParse({
      ...DEFAULT_METRICS_SETTINGS,
      ...parseObject(row.value),
    });
    return parsed.success ? parsed.data : DEFAULT_METRICS_SETTINGS;
  }

  async write(settings: MetricsSettings): Promise<void> {
    const value = JSON.stringify(settings);
    const at = this.now();
    await this.db
      .insertInto('settings')
      .values({ key: KEY, value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
