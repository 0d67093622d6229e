import type { AlertInput } from '@harbourmaster/contracts';
import type { EngineEvent } from '@harbourmaster/engine';
import { healDelayMs, healPolicy, type HealPolicy } from './self-heal-policy.js';

export interface SelfHealerDeps {
  /** Restarts one container; rejects with the engine's reason. */
  restart(hostId: string, containerId: string): Promise<void>;
  /** The ids of the running or stopped containers of a Compose project on a host. */
  projectContainers(hostId: string, project: string): Promise<string[]>;
  raise(alert: AlertInput): void;
  /** Notes a restart it made (the audit log). */
  record(hostId: string, containerId: string, name: string, why: string, error: string | null): void;
  setTimer(fn: () => void, ms: number): { cancel(): void };
  now(): number;
}

type Healing = {
  attempts: number;
  pending: { cancel(): void } | null;
  gaveUp: boolean;
  name: string;
  /** Someone stopped it: nothing is restarted until it is started again. */
  stopped: boolean;
  /** Until when stop signals are our own restart's. */
  ownUntil: number;
};
/** How long after our own restart its TERM may still arrive through the event stream. */
const OWN_RESTART_MS = 3_000;
const SIGKILL = new Set(['9', 'SIGKILL', 'KILL']);

/**
 * Restarts containers that ask for it by label when they crash or turn unhealthy: after a growing
 * wait, at most `retries` times, then gives up and alerts. A stop someone asks for (our API, the
 * CLI's TERM, a removal) cancels a pending restart: a person's stop is never fought.
 */
export class SelfHealer {
  readonly #healing = new Map<string, Healing>();

  constructor(private readonly deps: SelfHealerDeps) {}

  /** Every alert the detector raises passes here; crash and health alerts may start a healing. */
  consider(alert: AlertInput): void {
    if (alert.source !== 'container' || !alert.container || !alert.hostId) return;
    const policy = healPolicy(alert.labels);
    if (!policy) return;
    const key = `${alert.hostId}/${alert.container.id}`;
    if (alert.status === 'resolved') {
      // Running (or healthy) again for a while: the next trouble starts counting afresh.
      if (alert.kind === 'container.running' || alert.kind === 'container.healthy') this.#healing.delete(key);
      return;
    }
    const crash = alert.kind === 'container.died' || alert.kind === 'container.oom';
    if ((crash && policy.crash) || (alert.kind === 'container.unhealthy' && policy.unhealthy))
      this.schedule(alert, policy, crash ? 'crashed' : 'unhealthy');
  }

  /** Someone asked for a stop or removal (our API): drop any pending restart, and make none until it starts again. */
  cancel(hostId: string, ref: string): void {
    for (const [key, h] of this.#healing) {
      if (!key.startsWith(`${hostId}/`)) continue;
      const id = key.slice(hostId.length + 1);
      if (id === ref || (ref.length >= 12 && id.startsWith(ref)) || h.name === ref) this.stop(h);
    }
  }

  /**
   * The CLI's stop (a signal other than KILL first, not our own restart's) cancels like our API's;
   * a removal forgets the container; a start by someone else lets healing resume afresh.
   */
  handle(hostId: string, event: EngineEvent): void {
    if (event.Type !== 'container') return;
    const key = `${hostId}/${event.Actor.ID}`;
    const h = this.#healing.get(key);
    if (!h) return;
    const action = event.Action;
    const ours = this.deps.now() < h.ownUntil;
    if (action === 'destroy') {
      h.pending?.cancel();
      this.#healing.delete(key);
    } else if (action === 'kill' && !SIGKILL.has(event.Actor.Attributes.signal ?? '') && !ours) {
      this.stop(h);
    } else if (action === 'start' && h.stopped && !ours) {
      this.#healing.delete(key);
    }
  }

  private stop(h: Healing): void {
    h.pending?.cancel();
    h.pending = null;
    h.stopped = true;
  }

  close(): void {
    for (const h of this.#healing.values()) h.pending?.cancel();
    this.#healing.clear();
  }

  private schedule(alert: AlertInput, policy: HealPolicy, why: 'crashed' | 'unhealthy'): void {
    const hostId = alert.hostId as string;
    const { id, name } = alert.container as { id: string; name: string };
    const key = `${hostId}/${id}`;
    let h = this.#healing.get(key);
    if (!h) {
      h = { attempts: 0, pending: null, gaveUp: false, name, stopped: false, ownUntil: 0 };
      this.#healing.set(key, h);
    }
    if (h.pending || h.gaveUp || h.stopped) return;
    if (h.attempts >= policy.retries) {
      h.gaveUp = true;
      this.deps.raise({
        source: 'container',
        key: `container.heal:${hostId}:${id}`,
        kind: 'container.heal-failed',
        severity: 'critical',
        status: 'firing',
        title: `${name}: gave up restarting it`,
        message: `${name} on ${hostId} ${why} again after ${h.attempts} automatic restart${h.attempts === 1 ? '' : 's'}; it is left as it is.`,
        hostId,
        container: { id, name },
        stack: alert.stack,
        labels: alert.labels,
        detail: { reason: `${why} after ${h.attempts} restarts` },
      });
      return;
    }
    h.attempts += 1;
    const attempt = h.attempts;
    const healing = h;
    h.pending = this.deps.setTimer(() => {
      healing.pending = null;
      healing.ownUntil = Number.POSITIVE_INFINITY;
      void this.restart(hostId, id, name, alert.stack, policy, why, attempt).finally(() => {
        healing.ownUntil = this.deps.now() + OWN_RESTART_MS;
      });
    }, healDelayMs(attempt));
  }

  private async restart(
    hostId: string,
    id: string,
    name: string,
    stack: string | null,
    policy: HealPolicy,
    why: string,
    attempt: number,
  ): Promise<void> {
    const targets =
      why === 'unhealthy' && policy.scope === 'stack' && stack
        ? await this.deps.projectContainers(hostId, stack).catch(() => [id])
        : [id];
    for (const target of targets) {
      const reason = `self-heal: ${name} ${why} (restart ${attempt} of ${policy.retries})`;
      try {
        await this.deps.restart(hostId, target);
        this.deps.record(hostId, target, name, reason, null);
      } catch (err) {
        this.deps.record(hostId, target, name, reason, err instanceof Error ? err.message : String(err));
      }
    }
  }
}
