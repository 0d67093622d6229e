import { randomUUID } from 'node:crypto';
import { thresholdBodySchema, type Threshold, type ThresholdBody } from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';

/** Threshold rules over metrics, kept in memory too (the evaluator reads them every pass). */
export class ThresholdStore {
  #cache: Threshold[] | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<Threshold[]> {
    if (this.#cache) return this.#cache;
    const rows = await this.db.selectFrom('alert_thresholds').selectAll().orderBy('created_at').execute();
    this.#cache = rows.flatMap((r) => {
      // A row that no longer parses (edited by hand) evaluates nothing rather than failing every pass.
      const parsed = thresholdBodySchema.safeParse(JSON.parse(r.definition));
      return parsed.success ? [{ ...parsed.data, id: r.id, createdAt: r.created_at }] : [];
    });
    return this.#cache;
  }

  async get(id: string): Promise<Threshold | null> {
    return (await this.list()).find((t) => t.id === id) ?? null;
  }

  async create(body: ThresholdBody): Promise<Threshold> {
    const t = thresholdBodySchema.parse(body);
    const now = this.now();
    const id = randomUUID();
    await this.db
      .insertInto('alert_thresholds')
      .values({ id, definition: JSON.stringify(t), created_at: now, updated_at: now })
      .execute();
    this.#cache = null;
    return { ...t, id, createdAt: now };
  }

  async update(id: string, body: ThresholdBody): Promise<Threshold | null> {
    const t = thresholdBodySchema.parse(body);
    const res = await this.db
      .updateTable('alert_thresholds')
      .set({ definition: JSON.stringify(t), updated_at: this.now() })
      .where('id', '=', id)
      .executeTakeFirst();
    this.#cache = null;
    return Number(res.numUpdatedRows) > 0 ? this.get(id) : null;
  }

  async remove(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('alert_thresholds').where('id', '=', id).executeTakeFirst();
    this.#cache = null;
    return Number(res.numDeletedRows) > 0;
  }
}
