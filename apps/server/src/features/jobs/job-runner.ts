import { randomUUID } from 'node:crypto';
import type { Job, JobState } from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import type { JobsTable } from '../../db/schema.js';
import type { EventBus } from '../../events/event-bus.js';
import type { Logger } from '../../config/logger.js';
import { notFound } from '../../http/http-errors.js';

export interface JobContext<P> {
  jobId: string;
  hostId: string | null;
  params: P;
  /** Aborted when the daemon shuts down or the job is cancelled. */
  signal: AbortSignal;
  /** Reports progress: pushed to subscribers at once (throttled), persisted every half second. */
  progress(value: unknown): void;
}

export interface JobHandler<P = Record<string, unknown>> {
  kind: string;
  /** Safe to run again from the start after a crash (an image pull is; a half-done update is not). */
  resumable: boolean;
  run(ctx: JobContext<P>): Promise<unknown>;
}

const PUSH_EVERY_MS = 100;
const PERSIST_EVERY_MS = 500;
const FINISHED: ReadonlySet<string> = new Set<JobState>(['succeeded', 'failed', 'cancelled']);

function toJob(row: JobsTable): Job {
  return {
    id: row.id,
    hostId: row.host_id,
    kind: row.kind,
    state: row.state as JobState,
    params: JSON.parse(row.params) as Record<string, unknown>,
    progress: row.progress ? (JSON.parse(row.progress) as unknown) : null,
    result: row.result ? (JSON.parse(row.result) as unknown) : null,
    error: row.error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/**
 * Runs long operations as persisted jobs (queued → running → succeeded | failed | cancelled).
 * After a crash, `recover()` re-runs resumable jobs and ends the others as failed with the reason,
 * so no job is ever left "running".
 */
export class JobRunner {
  readonly #handlers = new Map<string, JobHandler<never>>();
  readonly #running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  #stopping = false;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  register<P>(handler: JobHandler<P>): void {
    this.#handlers.set(handler.kind, handler);
  }

  /** Persists a job and starts it; resolves with its id once it is recorded. */
  async submit(
    kind: string,
    hostId: string | null,
    params: Record<string, unknown>,
    createdBy: string | null,
  ): Promise<string> {
    if (!this.#handlers.has(kind)) throw new Error(`no job handler for ${kind}`);
    if (this.#stopping) throw new Error('the daemon is shutting down');
    const id = randomUUID();
    const t = this.now();
    await this.db
      .insertInto('jobs')
      .values({
        id,
        host_id: hostId,
        kind,
        state: 'queued',
        params: JSON.stringify(params),
        progress: null,
        result: null,
        error: null,
        created_by: createdBy,
        created_at: t,
        updated_at: t,
        finished_at: null,
      })
      .execute();
    this.launch(id);
    return id;
  }

  /** Called once at start: resumes or ends every job a previous run left unfinished. */
  async recover(): Promise<{ resumed: number; failed: number }> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('state', 'in', ['queued', 'running'])
      .execute();
    let resumed = 0;
    let failed = 0;
    for (const row of rows) {
      const handler = this.#handlers.get(row.kind);
      if (handler?.resumable) {
        await this.update(row.id, { state: 'queued', error: null });
        this.launch(row.id);
        resumed++;
      } else {
        await this.finish(
          row.id,
          'failed',
          null,
          'interrupted: the daemon stopped while this job was running',
        );
        failed++;
      }
    }
    if (rows.length > 0) this.log.info({ resumed, failed }, 'recovered unfinished jobs');
    return { resumed, failed };
  }

  async get(id: string): Promise<Job> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`no job ${id}`);
    return toJob(row);
  }

  async list(q: { state?: JobState | undefined; limit: number }): Promise<Job[]> {
    let query = this.db.selectFrom('jobs').selectAll().orderBy('created_at', 'desc').limit(q.limit);
    if (q.state) query = query.where('state', '=', q.state);
    return (await query.execute()).map(toJob);
  }

  /** Resolves when the job has finished (for tests and callers that wait). */
  async wait(id: string): Promise<Job> {
    await this.#running.get(id)?.done;
    return this.get(id);
  }

  /** Aborts running jobs; resumable ones go back to queued so the next start resumes them. */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const r of this.#running.values()) r.abort.abort(new Error('the daemon is shutting down'));
    await Promise.allSettled([...this.#running.values()].map((r) => r.done));
  }

  private launch(id: string): void {
    const abort = new AbortController();
    const done = this.execute(id, abort.signal).finally(() => this.#running.delete(id));
    this.#running.set(id, { abort, done });
  }

  private async execute(id: string, signal: AbortSignal): Promise<void> {
    const job = await this.get(id);
    const handler = this.#handlers.get(job.kind);
    if (!handler) return this.finish(id, 'failed', null, `no handler for job kind ${job.kind}`);
    await this.update(id, { state: 'running' });
    let latest: unknown = null;
    let pushedAt = 0;
    let persistedAt = 0;
    let trailing: NodeJS.Timeout | undefined;
    const push = () => {
      trailing = undefined;
      pushedAt = this.now();
      this.bus.emit('job.update', { ...job, state: 'running', progress: latest, updatedAt: pushedAt });
      if (pushedAt - persistedAt >= PERSIST_EVERY_MS) {
        persistedAt = pushedAt;
        void this.update(id, { progress: JSON.stringify(latest) }).catch((err: unknown) =>
          this.log.warn({ err, job: id }, 'could not persist job progress'),
        );
      }
    };
    // At most one push per PUSH_EVERY_MS, and the last report of a burst is pushed when its turn
    // comes rather than lost (a job that reports "waiting" and then nothing must still be heard).
    const progress = (value: unknown) => {
      latest = value;
      const wait = PUSH_EVERY_MS - (this.now() - pushedAt);
      if (wait <= 0) push();
      else trailing ??= setTimeout(push, wait);
    };
    try {
      const result = await handler.run({
        jobId: id,
        hostId: job.hostId,
        params: job.params as never,
        signal,
        progress,
      });
      clearTimeout(trailing);
      await this.finish(id, 'succeeded', latest, null, result);
    } catch (err) {
      clearTimeout(trailing);
      const message = err instanceof Error ? err.message : String(err);
      if (signal.aborted && this.#stopping && handler.resumable) {
        await this.update(id, { state: 'queued', progress: JSON.stringify(latest) });
        return;
      }
      await this.finish(id, signal.aborted ? 'cancelled' : 'failed', latest, message);
    }
  }

  private async update(
    id: string,
    set: Partial<Pick<JobsTable, 'state' | 'progress' | 'error'>>,
  ): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ ...set, updated_at: this.now() })
      .where('id', '=', id)
      .execute();
    if (set.state) this.emitRow(id);
  }

  private async finish(
    id: string,
    state: JobState,
    progress: unknown,
    error: string | null,
    result?: unknown,
  ): Promise<void> {
    const t = this.now();
    await this.db
      .updateTable('jobs')
      .set({
        state,
        error,
        updated_at: t,
        finished_at: t,
        progress: JSON.stringify(progress),
        result: result === undefined ? null : JSON.stringify(result),
      })
      .where('id', '=', id)
      .execute();
    this.emitRow(id);
  }

  private emitRow(id: string): void {
    void this.get(id)
      .then((job) => this.bus.emit('job.update', job))
      .catch((err: unknown) => this.log.warn({ err, job: id }, 'could not read a job to publish it'));
  }

  isFinished(state: string): boolean {
    return FINISHED.has(state);
  }
}
