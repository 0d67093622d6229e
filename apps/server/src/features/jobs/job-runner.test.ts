import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '@harbourmaster/contracts';
import { openDatabase, type Db } from '../../db/database.js';
import { EventBus } from '../../events/event-bus.js';
import { createLogger } from '../../config/logger.js';
import { JobRunner, type JobHandler } from './job-runner.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function setup() {
  const opened = await openDatabase(':memory:');
  close = opened.close;
  const bus = new EventBus();
  const updates: Job[] = [];
  bus.on('job.update', (j) => updates.push(j));
  return { db: opened.db, bus, updates, runner: new JobRunner(opened.db, bus, createLogger('silent')) };
}

async function insertJob(db: Db, id: string, kind: string, state: string) {
  await db
    .insertInto('jobs')
    .values({
      id,
      host_id: 'local',
      kind,
      state,
      params: '{"n":1}',
      progress: null,
      result: null,
      error: null,
      created_by: null,
      created_at: 1,
      updated_at: 1,
      finished_at: null,
    })
    .execute();
}

const ok: JobHandler<{ n: number }> = {
  kind: 'ok',
  resumable: true,
  run(ctx) {
    ctx.progress({ step: 1 });
    return Promise.resolve({ doubled: ctx.params.n * 2 });
  },
};
const boom: JobHandler = {
  kind: 'boom',
  resumable: false,
  run: () => Promise.reject(new Error('engine said no')),
};

describe('JobRunner', () => {
  it('pushes the last progress of a burst when its turn comes, instead of dropping it', async () => {
    const { runner, updates } = await setup();
    runner.register({
      kind: 'burst',
      resumable: false,
      async run(ctx) {
        ctx.progress({ step: 'first' });
        ctx.progress({ step: 'second' });
        ctx.progress({ step: 'waiting' }); // within the same 100 ms: only the latest matters
        await new Promise((r) => setTimeout(r, 300));
        return null;
      },
    });
    const id = await runner.submit('burst', 'local', {}, null);
    await runner.wait(id);
    const running = updates.filter((u) => u.id === id && u.state === 'running' && u.progress !== null);
    expect(running.map((u) => u.progress)).toEqual([{ step: 'first' }, { step: 'waiting' }]);
  });

  it('runs a job to success, keeping its result and pushing updates', async () => {
    const { runner, updates } = await setup();
    runner.register(ok);
    const id = await runner.submit('ok', 'local', { n: 21 }, null);
    const job = await runner.wait(id);
    expect(job).toMatchObject({
      state: 'succeeded',
      result: { doubled: 42 },
      progress: { step: 1 },
      error: null,
    });
    expect(job.finishedAt).not.toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(updates.map((u) => u.state)).toContain('succeeded');
  });

  it('records a failure with its message', async () => {
    const { runner } = await setup();
    runner.register(boom);
    const job = await runner.wait(await runner.submit('boom', null, {}, null));
    expect(job).toMatchObject({ state: 'failed', error: 'engine said no' });
  });

  it('after a crash resumes resumable jobs and fails the others with the reason', async () => {
    const { db, runner } = await setup();
    runner.register(ok);
    runner.register(boom);
    const a = '00000000-0000-4000-8000-000000000001';
    const b = '00000000-0000-4000-8000-000000000002';
    await insertJob(db, a, 'ok', 'running');
    await insertJob(db, b, 'boom', 'running');
    expect(await runner.recover()).toEqual({ resumed: 1, failed: 1 });
    expect(await runner.wait(a)).toMatchObject({ state: 'succeeded', result: { doubled: 2 } });
    const failed = await runner.get(b);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/interrupted/);
    const left = await db
      .selectFrom('jobs')
      .select('id')
      .where('state', 'in', ['queued', 'running'])
      .execute();
    expect(left).toEqual([]);
  });

  it('puts a resumable job back in the queue when the daemon stops mid-run', async () => {
    const { runner } = await setup();
    runner.register({
      kind: 'slow',
      resumable: true,
      run: (ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    });
    const id = await runner.submit('slow', null, {}, null);
    await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    expect((await runner.get(id)).state).toBe('queued');
  });
});
