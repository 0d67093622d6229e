import { appendFile } from 'node:fs/promises';
import type { AuditEntry, AuditResult } from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import type { AuditTable } from '../../db/schema.js';
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

/** What the start-up reconcile needs to finish an interrupted change; never a secret. */
export type AuditResume = Record<string, unknown>;

/** A change about to be made: written as `pending` before it is. */
export interface AuditIntent extends Omit<AuditRecord, 'result'> {
  resume?: AuditResume;
}

/** An intent that was pending when the daemon stopped, as the reconcile sees it. */
export interface InterruptedIntent {
  id: number;
  action: string;
  hostId: string | null;
  target: string | null;
  resume: AuditResume;
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

type Row = Omit<AuditTable, 'id'> & { id: number };

function parseJson(text: string | null): Record<string, unknown> | null {
  return text ? (JSON.parse(text) as Record<string, unknown>) : null;
}

/**
 * Writes every mutation to the database and, as JSON Lines, to a file in the data dir. A change is
 * written as an intent (`pending`) before it is made and updated with its result after, so a crash
 * in between leaves a trace; the file gets one line per step, the last line of an id is its state.
 */
export class AuditLog {
  #fileQueue: Promise<void> = Promise.resolve();
  /** Intents this process is still working on; the start-up reconcile leaves them alone. */
  readonly #open = new Set<number>();

  constructor(
    private readonly db: Db,
    private readonly jsonlPath: string | null,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records something that already happened (a sign-in, a refusal) in one step. */
  async record(entry: AuditRecord): Promise<void> {
    const ts = this.now();
    await this.insert(entry, entry.result, ts, ts, null);
  }

  /**
   * Records a change before it is made; resolves once the intent is in the database and the file,
   * so nothing is done that a crash could hide. Throws (and nothing should be done) when it cannot.
   */
  async begin(intent: AuditIntent): Promise<number> {
    const resume = intent.resume ? JSON.stringify(intent.resume) : null;
    const id = await this.insert(intent, 'pending', this.now(), null, resume);
    this.#open.add(id);
    await this.#fileQueue;
    return id;
  }

  /** Adds facts learnt while the change is under way (e.g. the id of a created container) to its resume data. */
  async note(id: number, facts: AuditResume): Promise<void> {
    const row = await this.row(id);
    const resume = { ...parseJson(row?.resume ?? null), ...facts };
    await this.db
      .updateTable('audit')
      .set({ resume: JSON.stringify(resume) })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Writes a change's result. Never throws: the change is already made, and an intent whose result
   * cannot be written stays pending and is marked interrupted at the next start.
   */
  async finish(id: number, result: 'ok' | 'error', detail?: Record<string, unknown>): Promise<void> {
    this.#open.delete(id);
    try {
      await this.settle(id, result, detail);
    } catch (err) {
      this.log.error({ err, auditId: id }, 'could not write the result of an audited change');
    }
  }

  /**
   * Marks every intent left pending by an earlier run as interrupted (intents this process opened
   * are left alone); returns those that carry resume data, for the reconcile to finish.
   */
  async interruptStale(): Promise<InterruptedIntent[]> {
    const rows = await this.db.selectFrom('audit').selectAll().where('result', '=', 'pending').execute();
    for (const r of rows.filter((r) => !this.#open.has(r.id))) {
      const outcome = r.resume ? 'checking' : 'unknown';
      const detail = { ...parseJson(r.detail), reconcile: { outcome, at: this.now() } };
      await this.settle(r.id, 'interrupted', detail, { keepResume: true });
    }
    return this.unresumed();
  }

  /** Interrupted intents whose reconcile is still to do. */
  async unresumed(): Promise<InterruptedIntent[]> {
    const rows = await this.db
      .selectFrom('audit')
      .select(['id', 'action', 'host_id', 'target', 'resume'])
      .where('result', '=', 'interrupted')
      .where('resume', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      action: r.action,
      hostId: r.host_id,
      target: r.target,
      resume: parseJson(r.resume) ?? {},
    }));
  }

  /** Records what the reconcile found for an interrupted intent (in `detail.reconcile`) and closes it. */
  async reconciled(id: number, outcome: Record<string, unknown>): Promise<void> {
    const row = await this.row(id);
    if (!row) return;
    await this.settle(id, 'interrupted', {
      ...parseJson(row.detail),
      reconcile: { ...outcome, at: this.now() },
    });
  }

  async list(q: AuditQuery): Promise<AuditEntry[]> {
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
      result: r.result as AuditResult,
      finishedAt: r.finished_at,
      detail: parseJson(r.detail),
      ip: r.ip,
    }));
  }

  /** Resolves once every queued line is on disk (for shutdown and tests). */
  flush(): Promise<void> {
    return this.#fileQueue;
  }

  private async insert(
    entry: Omit<AuditRecord, 'result'>,
    result: AuditResult,
    ts: number,
    finishedAt: number | null,
    resume: string | null,
  ): Promise<number> {
    const row = {
      ts,
      actor: entry.actor.name,
      actor_id: entry.actor.id,
      via: entry.actor.via,
      action: entry.action,
      host_id: entry.hostId ?? null,
      target: entry.target ?? null,
      result,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      ip: entry.actor.ip ?? null,
      finished_at: finishedAt,
      resume,
    };
    const { id } = await this.db.insertInto('audit').values(row).returning('id').executeTakeFirstOrThrow();
    this.published({ id, ...row });
    return id;
  }

  /** Sets an entry's result and detail, ends its resume data (unless kept), and writes the new state to the file. */
  private async settle(
    id: number,
    result: AuditResult,
    detail?: Record<string, unknown>,
    opts: { keepResume?: boolean } = {},
  ): Promise<void> {
    const set = {
      result,
      finished_at: this.now(),
      ...(opts.keepResume ? {} : { resume: null }),
      ...(detail ? { detail: JSON.stringify(detail) } : {}),
    };
    await this.db.updateTable('audit').set(set).where('id', '=', id).execute();
    const row = await this.row(id);
    if (row) this.published(row);
  }

  private row(id: number): Promise<Row | undefined> {
    return this.db.selectFrom('audit').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Appends the entry's current state to the file and tells live subscribers. */
  private published(row: Row): void {
    const { resume: _resume, detail, ...rest } = row;
    this.appendLine({ ...rest, detail: parseJson(detail) });
    this.bus.emit('audit.entry', {
      id: row.id,
      action: row.action,
      actor: row.actor,
      target: row.target,
      result: row.result,
      ts: row.ts,
    });
  }

  /** Appends in order; a failing disk is logged, never fails the request that was audited in SQLite. */
  private appendLine(obj: object): void {
    const path = this.jsonlPath;
    if (!path) return;
    this.#fileQueue = this.#fileQueue
      .then(() => appendFile(path, JSON.stringify(obj) + '\n', { mode: 0o600 }))
      .catch((err: unknown) => this.log.error({ err }, 'could not append to the audit file'));
  }
}
