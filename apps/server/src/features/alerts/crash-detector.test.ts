import { describe, expect, it } from 'vitest';
import type { AlertInput } from '@harbourmaster/contracts';
import type { EngineEvent } from '@harbourmaster/engine';
import { CrashDetector, DEFAULT_CRASH_OPTIONS, type CrashContext } from './crash-detector.js';

/** A detector on a hand-driven clock: timers fire when `advance` passes them. */
function harness(ctx: CrashContext | null = { oomKilled: false, error: null, logTail: ['boom'] }) {
  let now = 1_000_000;
  let timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const raised: AlertInput[] = [];
  const d = new CrashDetector({
    raise: (a) => raised.push(a),
    context: () => Promise.resolve(ctx),
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return { cancel: () => (t.live = false) };
    },
  });
  const advance = async (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.live && t.at <= now);
    timers = timers.filter((t) => !due.includes(t));
    for (const t of due) t.fn();
    await new Promise((r) => setImmediate(r));
  };
  const ev = (Action: string, attrs: Record<string, string> = {}, id = 'c1'): EngineEvent => ({
    Type: 'container',
    Action,
    Actor: {
      ID: id,
      Attributes: {
        name: 'web',
        image: 'busybox',
        'com.docker.compose.project': 'shop',
        team: 'ops',
        ...attrs,
      },
    },
    time: 0,
    timeNano: 0,
  });
  return { d, raised, advance, ev, send: (e: EngineEvent) => d.handle('local', e) };
}

describe('CrashDetector', () => {
  it('alerts a non-zero exit nobody asked for, with the reason, the log tail and the stack', async () => {
    const h = harness();
    h.send(h.ev('die', { exitCode: '3' }));
    expect(h.raised).toHaveLength(0);
    await h.advance(DEFAULT_CRASH_OPTIONS.graceMs);
    expect(h.raised).toEqual([
      expect.objectContaining({
        key: 'container.crash:local:c1',
        kind: 'container.died',
        severity: 'critical',
        status: 'firing',
        title: 'web crashed',
        stack: 'shop',
        labels: { 'com.docker.compose.project': 'shop', team: 'ops' },
        detail: { exitCode: 3, reason: 'exited with code 3', logTail: ['boom'] },
      }),
    ]);
  });

  it('sends nothing for a stop: a TERM first, our own intent, or stop/destroy right after', async () => {
    const h = harness();
    h.send(h.ev('kill', { signal: '15' }));
    h.send(h.ev('die', { exitCode: '143' }));
    h.d.expect('local', 'c1');
    h.send(h.ev('die', { exitCode: '137' }));
    h.send(h.ev('kill', { signal: '9' }, 'c2'));
    h.send(h.ev('die', { exitCode: '137' }, 'c2'));
    h.send(h.ev('destroy', {}, 'c2'));
    h.send(h.ev('die', { exitCode: '0' }, 'c3'));
    h.send(h.ev('stop', {}, 'c3'));
    await h.advance(5_000);
    expect(h.raised).toEqual([]);
  });

  it('takes a request by name or id prefix, once', async () => {
    const h = harness();
    const id = 'f'.repeat(64);
    h.d.expect('local', 'web');
    h.send(h.ev('kill', { signal: '9' }, id));
    h.send(h.ev('die', { exitCode: '137' }, id));
    h.d.expect('local', id.slice(0, 12));
    h.send(h.ev('die', { exitCode: '137' }, id));
    h.send(h.ev('die', { exitCode: '137' }, id));
    await h.advance(300);
    expect(h.raised).toHaveLength(1);
  });

  it('counts a KILL nobody asked for (docker kill) as a crash, and an asked-for exit only once', async () => {
    const h = harness();
    h.send(h.ev('kill', { signal: '9' }));
    h.send(h.ev('die', { exitCode: '137' }));
    await h.advance(300);
    expect(h.raised.map((a) => a.kind)).toEqual(['container.died']);
    h.d.expect('local', 'c1');
    h.send(h.ev('die', { exitCode: '0' }));
    h.send(h.ev('die', { exitCode: '1' }));
    await h.advance(300);
    expect(h.raised.map((a) => a.detail.exitCode)).toEqual([137, 1]);
  });

  it('names an OOM kill, from the event or from the engine state', async () => {
    const h = harness();
    h.send(h.ev('oom'));
    h.send(h.ev('die', { exitCode: '137' }));
    await h.advance(300);
    expect(h.raised[0]).toMatchObject({ kind: 'container.oom', title: 'web was killed: out of memory' });
    const late = harness({ oomKilled: false, error: null, logTail: [] });
    late.send(late.ev('die', { exitCode: '137' }));
    late.send(late.ev('oom'));
    await late.advance(300);
    expect(late.raised[0]?.kind).toBe('container.oom');
    const h2 = harness({ oomKilled: true, error: null, logTail: [] });
    h2.send(h2.ev('die', { exitCode: '137' }));
    await h2.advance(300);
    expect(h2.raised[0]?.kind).toBe('container.oom');
  });

  it('alerts a clean exit nobody asked for as a warning', async () => {
    const h = harness();
    h.send(h.ev('die', { exitCode: '0' }));
    await h.advance(300);
    expect(h.raised[0]).toMatchObject({ severity: 'warning', title: 'web stopped unexpectedly' });
  });

  it('resolves once the container has run again for a while, not when it dies again first', async () => {
    const h = harness();
    h.send(h.ev('die', { exitCode: '1' }));
    await h.advance(300);
    h.send(h.ev('start'));
    await h.advance(DEFAULT_CRASH_OPTIONS.recoverAfterMs / 2);
    h.send(h.ev('die', { exitCode: '1' }));
    await h.advance(300);
    h.send(h.ev('start'));
    await h.advance(DEFAULT_CRASH_OPTIONS.recoverAfterMs);
    expect(h.raised.map((a) => a.status)).toEqual(['firing', 'firing', 'resolved']);
    expect(h.raised[2]).toMatchObject({ key: 'container.crash:local:c1', title: 'web is running again' });
  });

  it('raises a restart loop once, and resolves it when the container stays up', async () => {
    const h = harness();
    for (let i = 0; i < 5; i++) {
      h.send(h.ev('die', { exitCode: '2' }));
      await h.advance(300);
      h.send(h.ev('start'));
      await h.advance(1_000);
    }
    const loops = h.raised.filter((a) => a.key.startsWith('container.restart-loop'));
    expect(loops).toHaveLength(1);
    expect(loops[0]).toMatchObject({ severity: 'critical', title: 'web is in a restart loop' });
    await h.advance(DEFAULT_CRASH_OPTIONS.recoverAfterMs);
    expect(h.raised.filter((a) => a.key.startsWith('container.restart-loop')).map((a) => a.status)).toEqual([
      'firing',
      'resolved',
    ]);
  });

  it('follows health: unhealthy fires, healthy resolves', () => {
    const h = harness();
    h.send(h.ev('health_status: unhealthy'));
    h.send(h.ev('health_status: healthy'));
    h.send(h.ev('health_status: starting'));
    expect(h.raised.map((a) => [a.kind, a.status])).toEqual([
      ['container.unhealthy', 'firing'],
      ['container.healthy', 'resolved'],
    ]);
  });

  it('ignores other object types', async () => {
    const h = harness();
    h.d.handle('local', { ...h.ev('die', { exitCode: '1' }), Type: 'network' });
    await h.advance(1_000);
    expect(h.raised).toEqual([]);
  });
});
