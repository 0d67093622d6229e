import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { openDatabase } from '../../db/database.js';
import { EventBus } from '../../events/event-bus.js';
import { createLogger } from '../../config/logger.js';
import { AuditLog, type AuditActor } from './audit.service.js';
import { audited } from './audited.js';

const actor: AuditActor = { name: 'ada', id: 'u1', via: 'token', ip: '127.0.0.1' };
const req = {
  principal: { name: 'ada', userId: 'u1', via: 'token' },
  ip: '127.0.0.1',
} as unknown as FastifyRequest;

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'hm-audit-'));
  const { db, close } = await openDatabase(':memory:');
  cleanup.push(close, () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'audit.jsonl');
  const bus = new EventBus();
  const events: Array<{ id: number; result: string }> = [];
  bus.on('audit.entry', (e) => events.push({ id: e.id, result: e.result }));
  let t = 1000;
  const open = (): AuditLog => new AuditLog(db, file, bus, createLogger('silent'), () => t++);
  const lines = () =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; result: string; detail: Record<string, unknown> | null });
  return { db, open, lines, events };
}

const onlyEntry = async (log: AuditLog) => (await log.list({ limit: 10 }))[0];

describe('audited changes', () => {
  it('writes the intent to the table and the file before the change runs, then its result', async () => {
    const { open, lines } = await setup();
    const log = open();
    let seen: unknown;
    const out = await audited(log, req, { action: 'thing.make', target: 't', detail: { a: 1 } }, async () => {
      seen = { row: await onlyEntry(log), file: lines() };
      return 42;
    });
    expect(out).toBe(42);
    expect(seen).toMatchObject({
      row: { result: 'pending', finishedAt: null, action: 'thing.make', actor: 'ada', detail: { a: 1 } },
      file: [{ result: 'pending' }],
    });
    const done = await onlyEntry(log);
    expect(done).toMatchObject({ result: 'ok', detail: { a: 1 } });
    expect(done?.finishedAt).toBeGreaterThan(done!.ts);
    await log.flush();
    expect(lines().map((l) => l.result)).toEqual(['pending', 'ok']);
  });

  it('records an error result with the message and rethrows', async () => {
    const { open } = await setup();
    const log = open();
    await expect(
      audited(log, req, { action: 'thing.break', detail: { a: 1 } }, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await onlyEntry(log)).toMatchObject({ result: 'error', detail: { a: 1, error: 'boom' } });
  });

  it('does nothing when the intent cannot be written', async () => {
    const { db, open } = await setup();
    const log = open();
    await db.destroy();
    let ran = false;
    await expect(
      audited(log, req, { action: 'thing.make' }, () => {
        ran = true;
        return Promise.resolve();
      }),
    ).rejects.toThrow();
    expect(ran).toBe(false);
  });
});

describe('interrupted intents', () => {
  it('marks what an earlier run left pending, keeps its resume data, and leaves its own open intents', async () => {
    const { open, lines, events } = await setup();
    const before = open();
    const crashed = await before.begin({ actor, action: 'container.create', resume: { name: 'web' } });
    const plain = await before.begin({ actor, action: 'container.stop', target: 'db' });
    await before.record({ actor, action: 'auth.login', result: 'ok' });

    const after = open();
    const mine = await after.begin({ actor, action: 'container.start' });
    const stale = await after.interruptStale();
    expect(stale).toEqual([
      { id: crashed, action: 'container.create', hostId: null, target: null, resume: { name: 'web' } },
    ]);
    const byId = new Map((await after.list({ limit: 10 })).map((e) => [e.id, e]));
    expect(byId.get(plain)).toMatchObject({
      result: 'interrupted',
      detail: { reconcile: { outcome: 'unknown' } },
    });
    expect(byId.get(crashed)).toMatchObject({
      result: 'interrupted',
      detail: { reconcile: { outcome: 'checking' } },
    });
    expect(byId.get(mine)?.result).toBe('pending');

    await after.note(crashed, { containerId: 'abc' });
    expect((await after.unresumed())[0]?.resume).toEqual({ name: 'web', containerId: 'abc' });
    await after.reconciled(crashed, { outcome: 'completed', tags: ['a'] });
    expect(await after.unresumed()).toEqual([]);
    expect((await after.list({ limit: 10 })).find((e) => e.id === crashed)).toMatchObject({
      result: 'interrupted',
      detail: { reconcile: { outcome: 'completed', tags: ['a'] } },
    });

    await after.flush();
    expect(
      lines()
        .filter((l) => l.id === crashed)
        .map((l) => l.result),
    ).toEqual(['pending', 'interrupted', 'interrupted']);
    expect(lines().at(-1)?.detail).toMatchObject({ reconcile: { outcome: 'completed' } });
    expect(events.filter((e) => e.id === crashed).map((e) => e.result)).toEqual([
      'pending',
      'interrupted',
      'interrupted',
    ]);
  });

  it('keeps a finished result out of the next start', async () => {
    const { open } = await setup();
    const log = open();
    await audited(log, req, { action: 'thing.make', resume: { x: 1 } }, () => Promise.resolve());
    expect(await open().interruptStale()).toEqual([]);
    expect((await onlyEntry(log))?.result).toBe('ok');
  });
});
