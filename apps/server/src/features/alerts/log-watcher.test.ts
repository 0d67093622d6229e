import { describe, expect, it } from 'vitest';
import type { AlertInput, LogRule } from '@harbourmaster/contracts';
import { LINES_PER_SECOND, LogWatcher, SAMPLE_MS, type WatchableContainer } from './log-watcher.js';

const rule = (over: Partial<LogRule> = {}): LogRule => ({
  id: 'r1',
  name: 'errors',
  pattern: 'ERROR',
  ignoreCase: false,
  match: { containers: ['web'] },
  severity: 'warning',
  enabled: true,
  createdAt: 0,
  ...over,
});

/** A watcher whose followed logs are queues the test pushes lines into. */
function harness(rules: LogRule[], running: WatchableContainer[]) {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const raised: AlertInput[] = [];
  const streams = new Map<string, { push: (l: string) => void; end: () => void }>();
  const watcher = new LogWatcher({
    rules: () => Promise.resolve(rules),
    running: () => Promise.resolve(running),
    follow: (_h, id, signal) => {
      const queue: string[] = [];
      let wake: (() => void) | null = null;
      let ended = false;
      streams.set(id, {
        push: (l) => (queue.push(l), wake?.()),
        end: () => ((ended = true), wake?.()),
      });
      signal.addEventListener('abort', () => ((ended = true), wake?.()));
      return (async function* () {
        for (;;) {
          while (queue.length) yield queue.shift() as string;
          if (ended) return;
          await new Promise<void>((r) => (wake = r));
          wake = null;
        }
      })();
    },
    raise: (a) => raised.push(a),
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return { cancel: () => (t.live = false) };
    },
    now: () => now,
    onError: (err) => {
      throw err;
    },
  });
  const tick = () => new Promise((r) => setImmediate(r));
  const advance = async (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.live && t.at <= now);
    timers = timers.filter((t) => !due.includes(t));
    for (const t of due) t.fn();
    await tick();
  };
  return { watcher, raised, streams, advance, tick };
}

const web: WatchableContainer = { hostId: 'local', id: 'c1', name: 'web', labels: {} };
const db: WatchableContainer = {
  hostId: 'local',
  id: 'c2',
  name: 'db',
  labels: { 'com.docker.compose.project': 'shop' },
};

describe('LogWatcher', () => {
  it('follows only the containers a rule names (by name or stack)', async () => {
    const h = harness(
      [rule(), rule({ id: 'r2', match: { stacks: ['shop'] } })],
      [web, db, { ...web, id: 'c3', name: 'other' }],
    );
    await h.watcher.reconcile();
    expect([...h.streams.keys()].sort()).toEqual(['c1', 'c2']);
    expect(h.watcher.followed).toBe(2);
  });

  it('raises one alert per sample window with the matching lines', async () => {
    const h = harness([rule()], [web]);
    await h.watcher.reconcile();
    const s = h.streams.get('c1')!;
    for (const l of ['INFO ok', 'ERROR one', 'ERROR two', 'INFO fine']) s.push(l);
    await h.tick();
    expect(h.raised).toEqual([]);
    await h.advance(SAMPLE_MS);
    expect(h.raised).toHaveLength(1);
    expect(h.raised[0]).toMatchObject({
      key: 'log:r1:local:c1',
      detail: { logTail: ['ERROR one', 'ERROR two'] },
    });
    expect(h.raised[0]?.message).toMatch(/2 times/);
  });

  it('checks at most a bounded number of lines a second and says how many it skipped', async () => {
    const h = harness([rule()], [web]);
    await h.watcher.reconcile();
    const s = h.streams.get('c1')!;
    for (let i = 0; i < LINES_PER_SECOND + 100; i++) s.push(i < LINES_PER_SECOND ? 'INFO' : 'ERROR late');
    await h.tick();
    await h.advance(SAMPLE_MS);
    expect(h.raised).toEqual([]);
    s.push('ERROR next second');
    await h.tick();
    await h.advance(SAMPLE_MS);
    expect(h.raised[0]?.message).toMatch(/100 lines were not checked/);
  });

  it('stops following when the rule goes', async () => {
    const rules = [rule()];
    const h = harness(rules, [web]);
    await h.watcher.reconcile();
    rules.pop();
    await h.watcher.reconcile();
    await h.tick();
    expect(h.watcher.followed).toBe(0);
  });
});
