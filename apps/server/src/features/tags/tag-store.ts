import type { Db } from '../../db/database.js';

export type TagKind = 'container' | 'stack' | 'host';

/**
 * Free-form tags, kept by the object's name (not its id) so a recreated container keeps its tags.
 */
export class TagStore {
  /** Bumped on every change, so replies that include tags know when they are stale. */
  revision = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Tags of every object of a kind on the given hosts, keyed `hostId/name`. */
  async byTarget(kind: TagKind): Promise<Map<string, string[]>> {
    const rows = await this.db
      .selectFrom('tags')
      .select(['host_id', 'target', 'tag'])
      .where('kind', '=', kind)
      .orderBy('tag')
      .execute();
    const map = new Map<string, string[]>();
    for (const r of rows) {
      const key = `${r.host_id}/${r.target}`;
      const list = map.get(key) ?? [];
      list.push(r.tag);
      map.set(key, list);
    }
    return map;
  }

  async get(hostId: string, kind: TagKind, target: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('tags')
      .select('tag')
      .where('host_id', '=', hostId)
      .where('kind', '=', kind)
      .where('target', '=', target)
      .orderBy('tag')
      .execute();
    return rows.map((r) => r.tag);
  }

  /** Replaces an object's tags in one transaction; returns them sorted and de-duplicated. */
  async set(hostId: string, kind: TagKind, target: string, tags: readonly string[]): Promise<string[]> {
    const unique = [...new Set(tags.map((t) => t.trim()).filter(Boolean))].sort();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('tags')
        .where('host_id', '=', hostId)
        .where('kind', '=', kind)
        .where('target', '=', target)
        .execute();
      if (unique.length > 0) {
        const t = this.now();
        await trx
          .insertInto('tags')
          .values(unique.map((tag) => ({ host_id: hostId, kind, target, tag, created_at: t })))
          .execute();
      }
    });
    this.revision++;
    return unique;
  }

  /** Every tag in use, for pickers. */
  async all(): Promise<string[]> {
    const rows = await this.db.selectFrom('tags').select('tag').distinct().orderBy('tag').execute();
    return rows.map((r) => r.tag);
  }
}
