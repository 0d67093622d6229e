import { describe, expect, it } from 'vitest';
import type { AlertInput } from '@harbourmaster/contracts';
import type { EngineEvent } from '@harbourmaster/engine';
import { SelfHealer } from './self-healer.js';

function harness() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const restarts: string[] = [];
  const raised: AlertInput[] = [];
  const healer = new SelfHealer({
    restart: (_h, id) => {
      restarts.push(id);
      return Promise.resolve();
    },
    projectContainers: () => Promise.resolve(['a', 'b']),
    raise: (a) => raised.push(a),
    record: () => undefined,
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return { cancel: () => (t.live = false) };
    },
    now: () => now,
  });
  const advance = async (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.live && t.at <= now);
    timers = timers.filter((t) => !due.includes(t));
    for (const t of due) t.fn();
    await new Promise((r) => setImmediate(r));
  };
  const alert = (
    kind: string,
    labels: Record<string, string>,
    status: 'firing' | 'resolved' = 'firing',
  ): AlertInput => ({
    source: 'container',
    key: `k:${kind}`,
    kind,
    severity: 'critical',
    status,
    title: 't',
    message: 'm',
    hostId: 'local',
    container: { id: 'c1', name: 'web' },
    stack: 'shop',
    labels,
    detail: {},
  });
  const event = (Action: string, signal?: string): EngineEvent => ({
    Type: 'container',
    Action,
    Actor: { ID: 'c1', Attributes: signal ? { signal } : {} },
    time: 0,
    timeNano: 0,
  });
  return { healer, restarts, raised, advance, alert, event };
}

const crashLabels = { 'harbourmaster.autoheal': 'crash', 'harbourmaster.autoheal.retries': '2' };

describe('SelfHealer', () => {
  it('restarts after a growing wait, then gives up with one alert', async () => {
    const h = harness();
    h.healer.consider(h.alert('container.died', crashLabels));
    await h.advance(999);
    expect(h.restarts).toEqual([]);
    await h.advance(1);
    expect(h.restarts).toEqual(['c1']);
    h.healer.consider(h.alert('container.died', crashLabels));
    await h.advance(2000);
    expect(h.restarts).toEqual(['c1', 'c1']);
    h.healer.consider(h.alert('container.died', crashLabels));
    h.healer.consider(h.alert('container.died', crashLabels));
    await h.advance(10_000);
    expect(h.restarts).toHaveLength(2);
    expect(h.raised.map((a) => a.kind)).toEqual(['container.heal-failed']);
  });

  it("does not fight a person's stop (API or CLI), but ignores its own restart's TERM", async () => {
    const h = harness();
    const labels = { 'harbourmaster.autoheal': 'unhealthy', 'harbourmaster.autoheal.retries': '5' };
    h.healer.consider(h.alert('container.unhealthy', labels));
    await h.advance(1000);
    h.healer.handle('local', h.event('kill', '15')); // our restart's TERM
    h.healer.consider(h.alert('container.unhealthy', labels));
    await h.advance(2000);
    expect(h.restarts).toHaveLength(2);
    await h.advance(5000);
    h.healer.handle('local', h.event('kill', '15')); // docker stop by a person
    h.healer.consider(h.alert('container.unhealthy', labels));
    await h.advance(60_000);
    expect(h.restarts).toHaveLength(2);
    // Started again by someone: healing resumes.
    h.healer.handle('local', h.event('start'));
    h.healer.consider(h.alert('container.unhealthy', labels));
    await h.advance(1000);
    expect(h.restarts).toHaveLength(3);
    h.healer.cancel('local', 'web');
    h.healer.consider(h.alert('container.unhealthy', labels));
    await h.advance(60_000);
    expect(h.restarts).toHaveLength(3);
  });

  it('restarts the whole stack for an unhealthy container when asked, and ignores other alerts', async () => {
    const h = harness();
    const labels = { 'harbourmaster.autoheal': 'unhealthy', 'harbourmaster.autoheal.scope': 'stack' };
    h.healer.consider(h.alert('container.died', labels));
    h.healer.consider(h.alert('container.unhealthy', {}));
    await h.advance(5000);
    expect(h.restarts).toEqual([]);
    h.healer.consider(h.alert('container.unhealthy', labels));
    await h.advance(1000);
    expect(h.restarts).toEqual(['a', 'b']);
  });
});
