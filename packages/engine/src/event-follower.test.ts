import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { EventQuery } from './docker-engine.js';
import type { EngineEvent } from './engine-types.js';
import { EventFollower, eventNanos, formatNanos, type FollowerTimers } from './event-follower.js';

type Step = { event: EngineEvent } | { end: true } | { error: Error };

/** One fake event-stream connection that the test feeds by hand. */
class FakeConnection {
  private readonly steps: Step[] = [];
  private wake: (() => void) | undefined;

  constructor(
    readonly query: EventQuery,
    readonly signal: AbortSignal | undefined,
  ) {}

  accept(): void {
    this.query.onConnected?.();
  }
  push(...events: EngineEvent[]): void {
    for (const event of events) this.steps.push({ event });
    this.wake?.();
  }
  end(): void {
    this.steps.push({ end: true });
    this.wake?.();
  }
  fail(message: string): void {
    this.steps.push({ error: new Error(message) });
    this.wake?.();
  }

  async *run(): AsyncGenerator<EngineEvent> {
    for (;;) {
      const step = this.steps.shift();
      if (step === undefined) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.signal?.addEventListener('abort', () => resolve(), { once: true });
        });
        if (this.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
        continue;
      }
      if ('end' in step) return;
      if ('error' in step) throw step.error;
      yield step.event;
    }
  }
}

class FakeEngine {
  readonly connections: FakeConnection[] = [];
  events(query: EventQuery, signal?: AbortSignal): AsyncIterable<EngineEvent> {
    const connection = new FakeConnection(query, signal);
    this.connections.push(connection);
    return connection.run();
  }
  get last(): FakeConnection {
    return this.connections.at(-1)!;
  }
}

class ManualTimers implements FollowerTimers {
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  private nextId = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { callback, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires the one pending timer and returns its delay. */
  fire(): number {
    expect(this.pending.size).toBe(1);
    const [id, timer] = [...this.pending][0]!;
    this.pending.delete(id);
    timer.callback();
    return timer.ms;
  }
}

function event(timeNano: string, action: string, id = 'c1'): EngineEvent {
  return {
    Type: 'container',
    Action: action,
    Actor: { ID: id, Attributes: {} },
    scope: 'local',
    time: Number(timeNano.slice(0, -9)),
    timeNano: Number(timeNano),
    timeNanoText: timeNano,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await tick();
}

function setup(now = () => 1_700_000_000_000) {
  const engine = new FakeEngine();
  const timers = new ManualTimers();
  const follower = new EventFollower({
    engine,
    timers,
    random: () => 0.5,
    now,
    filters: { type: ['container'] },
  });
  const log: string[] = [];
  follower.on('event', (e) => log.push(`${e.Action}@${e.timeNanoText}`));
  follower.on('connected', () => log.push('connected'));
  follower.on('disconnected', (d) => log.push(`disconnected: ${d.error} (${d.retryInMs} ms)`));
  return { engine, timers, follower, log };
}

describe('EventFollower', () => {
  it('reconnects after a loss, resumes from the last timeNano exactly and drops replayed events', async () => {
    const { engine, timers, follower, log } = setup();
    follower.start();
    await settle();
    expect(engine.last.query).toMatchObject({ since: undefined, filters: { type: ['container'] } });
    engine.last.accept();
    engine.last.push(event('1700000000123456789', 'create'), event('1700000001000000007', 'start'));
    await settle();
    engine.last.fail('socket hang up');
    await settle();
    expect(follower.connected).toBe(false);

    expect(timers.fire()).toBe(200);
    await settle();
    expect(engine.connections).toHaveLength(2);
    // Float64 cannot hold these digits; the exact text must reach the engine.
    expect(engine.last.query.since).toBe('1700000001.000000007');
    engine.last.accept();
    // The engine replays everything at or after `since`: the event already seen comes again.
    engine.last.push(
      event('1700000001000000007', 'start'),
      event('1700000001000000007', 'die'),
      event('1700000002000000000', 'start'),
    );
    await settle();
    expect(log).toEqual([
      'connected',
      'create@1700000000123456789',
      'start@1700000001000000007',
      'disconnected: socket hang up (200 ms)',
      'connected',
      'die@1700000001000000007',
      'start@1700000002000000000',
    ]);
    await follower.stop();
  });

  it('backs off exponentially to the cap, announces the outage once and resets after connecting', async () => {
    const { engine, timers, follower, log } = setup();
    follower.start();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      await settle();
      engine.last.fail('connect ECONNREFUSED');
      await settle();
      delays.push(timers.fire());
    }
    expect(delays).toEqual([200, 400, 800, 1600, 3200, 6400, 10_000, 10_000]);
    expect(log).toEqual(['disconnected: connect ECONNREFUSED (200 ms)']);

    await settle();
    engine.last.accept();
    engine.last.end();
    await settle();
    expect(timers.fire()).toBe(200);
    expect(log.slice(1)).toEqual(['connected', 'disconnected: the engine closed the event stream (200 ms)']);
    await follower.stop();
  });

  it('adds jitter within ±20 % of the base delay', async () => {
    const engine = new FakeEngine();
    const timers = new ManualTimers();
    const follower = new EventFollower({ engine, timers, random: () => 0.999 });
    follower.on('disconnected', () => {});
    follower.start();
    await settle();
    engine.last.fail('x');
    await settle();
    expect(timers.fire()).toBe(240);
    await follower.stop();
  });

  it('resumes from the connection time when the stream dropped before any event', async () => {
    const { engine, timers, follower } = setup(() => 1_700_000_123_456);
    follower.start();
    await settle();
    engine.last.accept();
    engine.last.fail('gone');
    await settle();
    timers.fire();
    await settle();
    expect(engine.last.query.since).toBe('1700000123.456000000');
    await follower.stop();
  });

  it('stop aborts the open request and leaves no timer behind', async () => {
    const { engine, timers, follower } = setup();
    follower.start();
    await settle();
    engine.last.accept();
    await follower.stop();
    expect(engine.last.signal?.aborted).toBe(true);
    expect(timers.pending.size).toBe(0);
    expect(follower.connected).toBe(false);
    expect(engine.connections).toHaveLength(1);
  });

  it('stop during a retry wait clears the timer and never reconnects', async () => {
    const { engine, timers, follower } = setup();
    follower.start();
    await settle();
    engine.last.fail('down');
    await settle();
    expect(timers.pending.size).toBe(1);
    await follower.stop();
    expect(timers.pending.size).toBe(0);
    await settle();
    expect(engine.connections).toHaveLength(1);
  });

  it('keeps following when an event listener throws', async () => {
    const { engine, follower, log } = setup();
    const failures: string[] = [];
    follower.on('listenerError', (err, e) => failures.push(`${(err as Error).message} on ${e.Action}`));
    follower.prependListener('event', (e) => {
      if (e.Action === 'bad') throw new Error('boom');
    });
    follower.start();
    await settle();
    engine.last.push(event('1700000000000000001', 'bad'), event('1700000000000000002', 'good'));
    await settle();
    expect(failures).toEqual(['boom on bad']);
    expect(log).toContain('good@1700000000000000002');
    expect(engine.connections).toHaveLength(1);
    await follower.stop();
  });
});

describe('event times', () => {
  it('formats nanoseconds as seconds.nanoseconds', () => {
    expect(formatNanos(1700000000000000001n)).toBe('1700000000.000000001');
    expect(formatNanos(5n)).toBe('0.000000005');
  });

  it('prefers the exact digits and falls back to the number, then to seconds', () => {
    expect(eventNanos(event('1700000000123456789', 'x'))).toBe(1700000000123456789n);
    const { timeNanoText: _, ...withoutText } = event('1700000000000000000', 'x');
    expect(eventNanos(withoutText)).toBe(1700000000000000000n);
    expect(eventNanos({ ...withoutText, timeNano: Number.NaN, time: 12 })).toBe(12_000_000_000n);
  });
});
