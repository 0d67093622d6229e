import { appendFile } from 'node:fs/promises';
import type { Db } from '../../db/database.js';
import type { EventBus } from '../../events/event-bus.js';
import type { Logger } from '../../config/logger.js';

export interface AuditActor {
  name: string;
  id: string | null;
  via: 'session' | 'token' | 'system' | 'anonymous';
  ip?: string | null;
}

export interface AuditRecord {
  actor: AuditActor;
  /** Dotted verb, e.g. `container.stop`, `user.create`, `auth.login`. */
  action: string;
  hostId?: string | null;
  target?: string | null;
  result: 'ok' | 'error' | 'denied';
  /** Extra facts; never a secret. */
  detail?: Record<string, unknown>;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  target?: string;
  since?: number;
  until?: number;
  limit: number;
  /** Entries with an id below this one (for paging back). */
  before?: number;
}

/** Writes every mutation to the database and, as JSON Lines, to a file in the data dir. */
export class AuditLog {
  #fileQueue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly jsonlPath: string | null,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async record(entry: AuditRecord): Promise<void> {
    const ts = this.now();
    const row = {
      ts,
      actor: entry.actor.name,
      actor_id: entry.actor.id,
      via: entry.actor.via,
      action: entry.action,
      host_id: entry.hostId ?? null,
      target: entry.target ?? null,
      result: entry.result,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      ip: entry.actor.ip ?? null,
    };
    const { id } = await this.db.insertInto('audit').values(row).returning('id').executeTakeFirstOrThrow();
    this.appendLine({ id, ...row, detail: entry.detail ?? null });
    this.bus.emit('audit.entry', {
      id,
      action: row.action,
      actor: row.actor,
      target: row.target,
      result: row.result,
      ts,
    });
  }

  async list(q: AuditQuery) {
    let query = this.db.selectFrom('audit').selectAll().orderBy('id', 'desc').limit(q.limit);
    if (q.actor) query = query.where('actor', '=', q.actor);
    if (q.action) query = query.where('action', 'like', `${q.action.replaceAll('%', '')}%`);
    if (q.target) query = query.where('target', '=', q.target);
    if (q.since !== undefined) query = query.where('ts', '>=', q.since);
    if (q.until !== undefined) query = query.where('ts', '<=', q.until);
    if (q.before !== undefined) query = query.where('id', '<', q.before);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      ts: r.ts,
      actor: r.actor,
      actorId: r.actor_id,
      via: r.via,
      action: r.action,
      hostId: r.host_id,
      target: r.target,
      result: r.result,
      detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
      ip: r.ip,
    }));
  }

  /** Appends in order; a failing disk is logged, never fails the request that was audited in SQLite. */
  private appendLine(obj: object): void {
    const path = this.jsonlPath;
    if (!path) return;
    this.#fileQueue = this.#fileQueue
      .then(() => appendFile(path, JSON.stringify(obj) + '\n', { mode: 0o600 }))
      .catch((err: unknown) => this.log.error({ err }, 'could not append to the audit file'));
  }

  /** Resolves once every queued line is on disk (for shutdown and tests). */
  flush(): Promise<void> {
    return this.#fileQueue;
  }
}
