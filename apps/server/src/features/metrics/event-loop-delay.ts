import { monitorEventLoopDelay } from 'node:perf_hooks';

/** How long one window of event-loop delay lasts before it starts afresh. */
export const EVENT_LOOP_WINDOW_MS = 60_000;

/** The event loop's delay over the current window (since `windowStart`), in seconds. */
export interface EventLoopDelay {
  windowStart: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Measures how late the event loop runs (a timer every 10 ms, as Node's histogram does), in
 * windows of a minute: what a request waits before the daemon even looks at it.
 */
export class EventLoopDelayMonitor {
  readonly #histogram = monitorEventLoopDelay({ resolution: 10 });
  #windowStart: number;
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.#histogram.enable();
    this.#windowStart = now();
    this.#timer = setInterval(() => {
      this.#histogram.reset();
      this.#windowStart = this.now();
    }, EVENT_LOOP_WINDOW_MS);
    this.#timer.unref();
  }

  read(): EventLoopDelay {
    const h = this.#histogram;
    const s = (ns: number) => (Number.isFinite(ns) ? ns / 1e9 : 0);
    return {
      windowStart: this.#windowStart,
      p50: h.count ? s(h.percentile(50)) : 0,
      p99: h.count ? s(h.percentile(99)) : 0,
      max: h.count ? s(h.max) : 0,
    };
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#histogram.disable();
  }
}
