import { EngineUnreachableError } from '@harbourmaster/engine';
import type { EventBus } from '../../events/event-bus.js';
import type { Logger } from '../../config/logger.js';
import type { AuditLog, InterruptedIntent } from './audit.service.js';

/**
 * Finishes one kind of interrupted change from what is on the host now; returns what it found, for
 * the entry's `detail.reconcile`. Throws `EngineUnreachableError` to be tried again when the host
 * is back.
 */
export type IntentFinisher = (intent: InterruptedIntent) => Promise<Record<string, unknown>>;

/**
 * At start, turns the intents an earlier run left pending into `interrupted` entries, then lets
 * each action's finisher look at the host and complete what the change left undone (a created
 * container's tags, say). Intents whose host cannot be reached yet are tried again when it is.
 */
export class AuditReconciler {
  #pass: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly audit: Pick<AuditLog, 'interruptStale' | 'unresumed' | 'reconciled'>,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly finishers: Readonly<Record<string, IntentFinisher>>,
  ) {}

  /**
   * Marks stale intents interrupted (awaited: quick, local) and starts finishing them in the
   * background, so an engine that is slow to answer does not hold up the daemon's start.
   */
  async start(): Promise<void> {
    const stale = await this.audit.interruptStale();
    if (stale.length > 0) this.log.warn({ count: stale.length }, 'finishing changes interrupted by a stop');
    this.#unsubscribe ??= this.bus.on('host.status', (s) => {
      if (s.reachable) void this.finishAll();
    });
    void this.finishAll();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** Resolves when the pass under way (if any) is done; for tests and shutdown. */
  settled(): Promise<void> {
    return this.#pass;
  }

  /** One pass at a time: a reconnect during a pass queues another after it. */
  private finishAll(): Promise<void> {
    this.#pass = this.#pass.then(() => this.pass());
    return this.#pass;
  }

  private async pass(): Promise<void> {
    try {
      for (const intent of await this.audit.unresumed()) await this.finishOne(intent);
    } catch (err) {
      this.log.error({ err }, 'could not reconcile interrupted changes');
    }
  }

  private async finishOne(intent: InterruptedIntent): Promise<void> {
    const finisher = this.finishers[intent.action];
    if (!finisher) return this.audit.reconciled(intent.id, { outcome: 'unknown' });
    try {
      const outcome = await finisher(intent);
      await this.audit.reconciled(intent.id, outcome);
      this.log.info(
        { auditId: intent.id, action: intent.action, ...outcome },
        'interrupted change reconciled',
      );
    } catch (err) {
      if (err instanceof EngineUnreachableError) {
        this.log.warn(
          { auditId: intent.id, host: intent.hostId },
          'host unreachable; will reconcile when it is back',
        );
        return;
      }
      const error = err instanceof Error ? err.message : String(err);
      await this.audit.reconciled(intent.id, { outcome: 'failed', error });
    }
  }
}
