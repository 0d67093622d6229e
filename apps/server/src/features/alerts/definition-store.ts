import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';

/** Tables that keep a rule as one JSON definition per row. */
type DefinitionTable = 'alert_thresholds' | 'alert_log_rules';

/**
 * Rules stored as their JSON body, one row each, cached in memory (the evaluators read them on
 * every metrics pass or log line). A row that no longer parses is left out: it evaluates nothing.
 */
export class DefinitionStore<S extends z.ZodType<Record<string, unknown>>> {
  #cache: Array<z.output<S> & { id: string; createdAt: number }> | null = null;

  constructor(
    private readonly db: Db,
    private readonly table: DefinitionTable,
    private readonly schema: S,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<Array<z.output<S> & { id: string; createdAt: number }>> {
    if (this.#cache) return this.#cache;
    const rows = await this.db.selectFrom(this.table).selectAll().orderBy('created_at').execute();
    this.#cache = rows.flatMap((r) => {
      const parsed = this.schema.safeParse(JSON.parse(r.definition));
      return parsed.success ? [{ ...parsed.data, id: r.id, createdAt: r.created_at }] : [];
    });
    return this.#cache;
  }

  async get(id: string): Promise<(z.output<S> & { id: string; createdAt: number }) | null> {
    return (await this.list()).find((t) => t.id === id) ?? null;
  }

  async create(body: z.input<S>): Promise<z.output<S> & { id: string; createdAt: number }> {
    const definition = this.schema.parse(body);
    const now = this.now();
    const id = randomUUID();
    await this.db
      .insertInto(this.table)
      .values({ id, definition: JSON.stringify(definition), created_at: now, updated_at: now })
      .execute();
    this.#cache = null;
    return { ...definition, id, createdAt: now };
  }

  async update(
    id: string,
    body: z.input<S>,
  ): Promise<(z.output<S> & { id: string; createdAt: number }) | null> {
    const definition = this.schema.parse(body);
    const res = await this.db
      .updateTable(this.table)
      .set({ definition: JSON.stringify(definition), updated_at: this.now() })
      .where('id', '=', id)
      .executeTakeFirst();
    this.#cache = null;
    return Number(res.numUpdatedRows) > 0 ? this.get(id) : null;
  }

  async remove(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom(this.table).where('id', '=', id).executeTakeFirst();
    this.#cache = null;
    return Number(res.numDeletedRows) > 0;
  }
}
