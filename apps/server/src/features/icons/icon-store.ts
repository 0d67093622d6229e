import type { Db } from '../../db/database.js';

/** The path the panel loads an uploaded icon from; URL icons are used as they are. */
export function iconSource(hostId: string, name: string, icon: string, updatedAt: number): string {
  return icon.startsWith('data:')
    ? `/api/hosts/${hostId}/icons/${encodeURIComponent(name)}?v=${updatedAt}`
    : icon;
}

/** Container icons, kept by container name so they survive a recreate (like tags). */
export class IconStore {
  /** Bumped on every change, so replies that include icons know when they are stale. */
  revision = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every icon's source, keyed `hostId/name`. */
  async sources(): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('container_icons').selectAll().execute();
    return new Map(
      rows.map((r) => [`${r.host_id}/${r.name}`, iconSource(r.host_id, r.name, r.icon, r.updated_at)]),
    );
  }

  async get(hostId: string, name: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('container_icons')
      .select('icon')
      .where('host_id', '=', hostId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.icon ?? null;
  }

  /** Sets or (with null) removes an icon; returns its source for the panel. */
  async set(hostId: string, name: string, icon: string | null): Promise<string | null> {
    if (icon === null) {
      await this.db
        .deleteFrom('container_icons')
        .where('host_id', '=', hostId)
        .where('name', '=', name)
        .execute();
      this.revision++;
      return null;
    }
    const t = this.now();
    await this.db
      .insertInto('container_icons')
      .values({ host_id: hostId, name, icon, updated_at: t })
      .onConflict((oc) => oc.columns(['host_id', 'name']).doUpdateSet({ icon, updated_at: t }))
      .execute();
    this.revision++;
    return iconSource(hostId, name, icon, t);
  }
}
