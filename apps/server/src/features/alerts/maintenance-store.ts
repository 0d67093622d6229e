import { randomUUID } from 'node:crypto';
import {
  alertMatchSchema,
  maintenanceBodySchema,
  maintenanceScheduleSchema,
  type Maintenance,
  type MaintenanceBody,
} from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import type { MaintenanceWindowsTable } from '../../db/schema.js';
import { isWindowActive } from './maintenance-schedule.js';

/** Maintenance windows: what they mute and when. */
export class MaintenanceStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<Maintenance[]> {
    const rows = await this.db.selectFrom('maintenance_windows').selectAll().orderBy('name').execute();
    const now = this.now();
    return rows.flatMap((r) => {
      const w = this.toWindow(r, now);
      return w ? [w] : [];
    });
  }

  async get(id: string): Promise<Maintenance | null> {
    const row = await this.db
      .selectFrom('maintenance_windows')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.toWindow(row, this.now()) : null;
  }

  /** The enabled windows muting right now. */
  async active(): Promise<Maintenance[]> {
    return (await this.list()).filter((w) => w.enabled && w.active);
  }

  async create(body: MaintenanceBody): Promise<Maintenance> {
    const w = maintenanceBodySchema.parse(body);
    const now = this.now();
    const row: MaintenanceWindowsTable = {
      id: randomUUID(),
      name: w.name,
      match: JSON.stringify(w.match),
      schedule: JSON.stringify(w.schedule),
      enabled: w.enabled ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('maintenance_windows').values(row).execute();
    return this.toWindow(row, now) as Maintenance;
  }

  async update(id: string, body: MaintenanceBody): Promise<Maintenance | null> {
    const w = maintenanceBodySchema.parse(body);
    const res = await this.db
      .updateTable('maintenance_windows')
      .set({
        name: w.name,
        match: JSON.stringify(w.match),
        schedule: JSON.stringify(w.schedule),
        enabled: w.enabled ? 1 : 0,
        updated_at: this.now(),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0 ? this.get(id) : null;
  }

  async remove(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('maintenance_windows').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** A stored window, or null when its row no longer parses (it then mutes nothing). */
  private toWindow(r: MaintenanceWindowsTable, now: number): Maintenance | null {
    const match = alertMatchSchema.safeParse(JSON.parse(r.match));
    const schedule = maintenanceScheduleSchema.safeParse(JSON.parse(r.schedule));
    if (!match.success || !schedule.success) return null;
    return {
      id: r.id,
      name: r.name,
      match: match.data,
      schedule: schedule.data,
      enabled: r.enabled === 1,
      active: isWindowActive(schedule.data, now),
      createdAt: r.created_at,
    };
  }
}
