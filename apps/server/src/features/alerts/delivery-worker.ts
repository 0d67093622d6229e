import type { Alert, ChannelConfig } from '@harbourmaster/contracts';
import type { AlertStore, DueDelivery } from './alert-store.js';
import type { OpenChannel } from './channel-store.js';
import { yieldToLoop } from './alert-hub.js';

/** How a send failed, as the channel senders report it. */
export interface SendFailure {
  message: string;
  retryable: boolean;
  retryAfterMs?: number;
}

export interface DeliveryWorkerDeps {
  store: Pick<AlertStore, 'due' | 'nextDueAt' | 'sent' | 'retry' | 'failed' | 'get'>;
  channels: {
    open(id: string): Promise<OpenChannel | null>;
    noteOutcome(id: string, error: string | null): Promise<void>;
  };
  send(channel: ChannelConfig, alert: Alert, opts: { timeoutMs: number; signal: AbortSignal }): Promise<void>;
  /** A thrown error as a send failure (ChannelError, or anything else as retryable). */
  failure(err: unknown): SendFailure;
  now(): number;
  onError(err: unknown): void;
  /** Told after each attempt (live view of deliveries). */
  onAttempt?(alertId: string): void;
}

const BATCH = 20;
const CONCURRENCY = 4;
export const SEND_TIMEOUT_MS = 10_000;
/** An alert older than this is not worth sending any more. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 30 * 60_000;

/** The wait before attempt `attempts + 1`: doubling from 5 s up to 30 min, with ±20 % jitter; a channel's Retry-After wins when longer. */
export function backoffMs(attempts: number, retryAfterMs = 0, random = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.max(retryAfterMs, Math.round(base * (0.8 + 0.4 * random())));
}

/**
 * Sends what the outbox holds, off the request path: due deliveries in small batches, a few at a
 * time, each with a deadline; failures retried with backoff, given up after a day. The outbox is in
 * the database, so a restart picks up where it stopped.
 */
export class DeliveryWorker {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  readonly #abort = new AbortController();

  constructor(private readonly deps: DeliveryWorkerDeps) {}

  /** Something was queued (or the worker starts): send what is due now. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#running = this.drain()
      .catch((err: unknown) => this.deps.onError(err))
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.kick();
        } else void this.scheduleNext();
      });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#abort.abort();
    await this.#running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const due = await this.deps.store.due(this.deps.now(), BATCH);
      if (due.length === 0 || this.#stopped) return;
      for (let i = 0; i < due.length; i += CONCURRENCY) {
        await yieldToLoop(); // a long outbox never holds the event loop for more than a few sends
        await Promise.all(due.slice(i, i + CONCURRENCY).map((d) => this.deliver(d)));
      }
      if (due.length < BATCH) return;
    }
  }

  private async scheduleNext(): Promise<void> {
    if (this.#stopped) return;
    const next = await this.deps.store.nextDueAt().catch(() => null);
    if (next === null || this.#stopped) return;
    const wait = Math.max(0, Math.min(next - this.deps.now(), 2 ** 31 - 1));
    this.#timer = setTimeout(() => this.kick(), wait);
    this.#timer.unref();
  }

  private async deliver(d: DueDelivery): Promise<void> {
    const attempts = d.attempts + 1;
    const [channel, alert] = await Promise.all([
      this.deps.channels.open(d.channelId),
      this.deps.store.get(d.alertId),
    ]);
    if (!channel || !alert)
      return this.deps.store.failed(
        d.id,
        attempts,
        channel ? 'the alert is gone' : 'the channel was deleted',
      );
    if (!channel.enabled) return this.deps.store.failed(d.id, attempts, 'the channel is disabled');
    try {
      await this.deps.send(channel, alert, { timeoutMs: SEND_TIMEOUT_MS, signal: this.#abort.signal });
      await this.deps.store.sent(d.id, this.deps.now(), attempts);
      await this.deps.channels.noteOutcome(channel.id, null);
    } catch (err) {
      if (this.#stopped) return; // the daemon is stopping: the row stays queued for the next start
      const f = this.deps.failure(err);
      await this.deps.channels.noteOutcome(channel.id, f.message);
      const nextAt = this.deps.now() + backoffMs(attempts, f.retryAfterMs);
      if (f.retryable && nextAt - d.createdAt < GIVE_UP_AFTER_MS)
        await this.deps.store.retry(d.id, attempts, nextAt, f.message);
      else await this.deps.store.failed(d.id, attempts, f.message);
    } finally {
      this.deps.onAttempt?.(d.alertId);
    }
  }
}
