import { afterEach, describe, expect, it } from 'vitest';
import { EngineUnreachableError } from '@harbourmaster/engine';
import { openDatabase } from '../../db/database.js';
import { EventBus } from '../../events/event-bus.js';
import { createLogger } from '../../config/logger.js';
import { AuditLog, type AuditActor, type InterruptedIntent } from './audit.service.js';
import { AuditReconciler } from './audit-reconciler.js';

const actor: AuditActor = { name: 'ada', id: 'u1', via: 'token' };
let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

/** A database with intents an earlier run left pending, and a fresh log over it as after a restart. */
async function afterCrash(intents: Array<{ action: string; resume?: Record<string, unknown> }>) {
  const opened = await openDatabase(':memory:');
  close = opened.close;
  const bus = new EventBus();
  const earlier = new AuditLog(opened.db, null, bus, createLogger('silent'));
  const ids: number[] = [];
  for (const i of intents) ids.push(await earlier.begin({ actor, hostId: 'local', target: 'web', ...i }));
  const log = new AuditLog(opened.db, null, bus, createLogger('silent'));
  const reconcile = (id: number) =>
    log.list({ limit: 50 }).then((all) => all.find((e) => e.id === id)?.detail?.reconcile);
  return { bus, log, ids, reconcile };
}

describe('AuditReconciler', () => {
  it("hands each interrupted intent to its action's finisher and records what it found", async () => {
    const { bus, log, ids, reconcile } = await afterCrash([
      { action: 'container.create', resume: { name: 'web', tags: ['a'] } },
      { action: 'container.stop' },
      { action: 'volume.create', resume: { name: 'v' } },
      { action: 'container.create', resume: { name: 'broken' } },
    ]);
    const seen: InterruptedIntent[] = [];
    const r = new AuditReconciler(log, bus, createLogger('silent'), {
      'container.create': (intent) => {
        seen.push(intent);
        if (intent.resume.name === 'broken') return Promise.reject(new Error('engine said no'));
        return Promise.resolve({ outcome: 'completed', tags: intent.resume.tags });
      },
    });
    await r.start();
    await r.settled();
    r.stop();
    expect(seen.map((i) => [i.id, i.hostId, i.target])).toEqual([
      [ids[0], 'local', 'web'],
      [ids[3], 'local', 'web'],
    ]);
    expect(await reconcile(ids[0]!)).toMatchObject({ outcome: 'completed', tags: ['a'] });
    expect(await reconcile(ids[1]!)).toMatchObject({ outcome: 'unknown' });
    expect(await reconcile(ids[2]!)).toMatchObject({ outcome: 'unknown' });
    expect(await reconcile(ids[3]!)).toMatchObject({ outcome: 'failed', error: 'engine said no' });
    expect(await log.unresumed()).toEqual([]);
  });

  it('tries again when the host comes back, and only then', async () => {
    const { bus, log, ids, reconcile } = await afterCrash([
      { action: 'container.create', resume: { name: 'web' } },
    ]);
    let reachable = false;
    let calls = 0;
    const r = new AuditReconciler(log, bus, createLogger('silent'), {
      'container.create': () => {
        calls++;
        return reachable
          ? Promise.resolve({ outcome: 'not-created' })
          : Promise.reject(new EngineUnreachableError('connect ENOENT'));
      },
    });
    await r.start();
    await r.settled();
    expect(calls).toBe(1);
    expect(await reconcile(ids[0]!)).toMatchObject({ outcome: 'checking' });

    bus.emit('host.status', { hostId: 'local', reachable: false, error: 'gone' });
    await r.settled();
    expect(calls).toBe(1);

    reachable = true;
    bus.emit('host.status', { hostId: 'local', reachable: true, error: null });
    await r.settled();
    expect(calls).toBe(2);
    expect(await reconcile(ids[0]!)).toMatchObject({ outcome: 'not-created' });

    r.stop();
    bus.emit('host.status', { hostId: 'local', reachable: true, error: null });
    await r.settled();
    expect(calls).toBe(2);
  });
});
