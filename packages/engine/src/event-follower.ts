import { EventEmitter } from 'node:events';
import type { DockerEngine, EngineFilters } from './docker-engine.js';
import type { EngineEvent } from './engine-types.js';

/** Timer functions, injectable so tests can drive time by hand. */
export interface FollowerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EventFollowerOptions {
  engine: Pick<DockerEngine, 'events'>;
  filters?: EngineFilters;
  /** Replay from here on the first connection (engine `since` syntax); default: new events only. */
  since?: string;
  /** First retry delay; it doubles per failed attempt. Default 200 ms. */
  initialDelayMs?: number;
  /** Longest retry delay. Default 10 s. */
  maxDelayMs?: number;
  timers?: FollowerTimers;
  /** Wall clock in ms, for `since` when the stream dropped before any event came. */
  now?: () => number;
  /** In [0, 1); spreads retries so many followers do not hit a returning engine at once. */
  random?: () => number;
}

/** What an `EventFollower` emits. */
export interface EventFollowerEvents {
  event: [event: EngineEvent];
  /** The engine accepted the subscription (after start, or again after a loss). */
  connected: [];
  /** The stream was lost, or the first attempt failed; further failed retries stay quiet. */
  disconnected: [info: { error: string; retryInMs: number }];
  /** An 'event' listener threw; the follower carries on. */
  listenerError: [error: unknown, event: EngineEvent];
}

/** Keys of recently delivered events; replays overlap at most the engine's own buffer (256). */
const RECENT_KEYS = 256;
const NANOS_PER_SECOND = 1_000_000_000n;

const realTimers: FollowerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Follows one engine's event stream for as long as it runs: reconnects with capped exponential
 * backoff and resumes from the last event seen, so events during an outage (an engine restart)
 * are replayed, and drops the replayed events it already delivered.
 *
 * @example
 * const follower = new EventFollower({ engine, filters: { type: ['container'] } });
 * follower.on('event', (e) => console.log(e.Action, e.Actor.ID));
 * follower.start();
 * // later
 * await follower.stop();
 */
export class EventFollower extends EventEmitter<EventFollowerEvents> {
  private readonly options: EventFollowerOptions;
  private readonly timers: FollowerTimers;
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private abort: AbortController | undefined;
  private sleeping: { handle: unknown; wake: () => void } | undefined;
  private isConnected = false;
  private lastNano: bigint | undefined;
  private connectedAtMs: number | undefined;
  private readonly recent = new Set<string>();

  constructor(options: EventFollowerOptions) {
    super();
    this.options = options;
    this.timers = options.timers ?? realTimers;
  }

  /** Whether the event stream is currently open. */
  get connected(): boolean {
    return this.isConnected;
  }

  /** Starts following; does nothing when already started. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops following: ends the open request and any pending retry; resolves once fully stopped. */
  async stop(): Promise<void> {
    this.running = false;
    this.abort?.abort();
    if (this.sleeping !== undefined) {
      this.timers.clearTimeout(this.sleeping.handle);
      this.sleeping.wake();
    }
    await this.loop;
    this.isConnected = false;
  }

  private async run(): Promise<void> {
    let failures = 0;
    let announcedDown = false;
    while (this.running) {
      this.abort = new AbortController();
      const onConnected = (): void => this.markConnected();
      let error: string;
      try {
        const stream = this.options.engine.events(
          { since: this.sinceParam(), filters: this.options.filters, onConnected },
          this.abort.signal,
        );
        for await (const event of stream) {
          this.markConnected();
          this.deliver(event);
        }
        error = 'the engine closed the event stream';
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      if (!this.running) break;
      if (this.isConnected) {
        this.isConnected = false;
        failures = 0;
        announcedDown = false;
      }
      const retryInMs = this.retryDelay(failures++);
      if (!announcedDown) {
        announcedDown = true;
        this.emit('disconnected', { error, retryInMs });
      }
      await this.sleep(retryInMs);
    }
    this.abort = undefined;
  }

  private markConnected(): void {
    if (this.isConnected || !this.running) return;
    this.isConnected = true;
    this.connectedAtMs = (this.options.now ?? Date.now)();
    this.emit('connected');
  }

  private deliver(event: EngineEvent): void {
    const nano = eventNanos(event);
    const key = `${nano}|${event.Type}|${event.Action}|${event.Actor.ID}|${event.scope ?? ''}`;
    if (this.recent.has(key)) return;
    this.recent.add(key);
    if (this.recent.size > RECENT_KEYS) this.recent.delete(this.recent.values().next().value!);
    if (this.lastNano === undefined || nano > this.lastNano) this.lastNano = nano;
    try {
      this.emit('event', event);
    } catch (err) {
      // One faulty consumer must not cost every other consumer its events by dropping the stream.
      if (this.listenerCount('listenerError') > 0) this.emit('listenerError', err, event);
      else process.emitWarning(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** Resume at the last event (inclusive: the engine replays events at or after `since`). */
  private sinceParam(): string | undefined {
    if (this.lastNano !== undefined) return formatNanos(this.lastNano);
    if (this.connectedAtMs !== undefined) return formatNanos(BigInt(this.connectedAtMs) * 1_000_000n);
    return this.options.since;
  }

  private retryDelay(failures: number): number {
    const initial = this.options.initialDelayMs ?? 200;
    const max = this.options.maxDelayMs ?? 10_000;
    const base = Math.min(max, initial * 2 ** Math.min(failures, 30));
    const jitter = 0.8 + 0.4 * (this.options.random ?? Math.random)();
    return Math.round(Math.min(max, base * jitter));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.sleeping = undefined;
        resolve();
      };
      this.sleeping = { handle: this.timers.setTimeout(wake, ms), wake };
    });
  }
}

/** An event's time in nanoseconds, exact when the engine client kept the digits. */
export function eventNanos(event: EngineEvent): bigint {
  if (event.timeNanoText !== undefined && /^\d+$/.test(event.timeNanoText)) return BigInt(event.timeNanoText);
  if (Number.isFinite(event.timeNano)) return BigInt(Math.trunc(event.timeNano));
  return BigInt(Math.trunc(event.time)) * NANOS_PER_SECOND;
}

/** Formats nanoseconds as the engine's `since`/`until` syntax, `seconds.nanoseconds`. */
export function formatNanos(nanos: bigint): string {
  const fraction = (nanos % NANOS_PER_SECOND).toString().padStart(9, '0');
  return `${nanos / NANOS_PER_SECOND}.${fraction}`;
}
