import { randomUUID } from 'node:crypto';
import type { Alert, AlertInput, Rule } from '@harbourmaster/contracts';
import type { AlertStore } from './alert-store.js';
import type { RuleStore } from './rule-store.js';
import type { MaintenanceStore } from './maintenance-store.js';
import { ruleMatches } from './rule-match.js';

export interface AlertHubDeps {
  store: AlertStore;
  rules: Pick<RuleStore, 'list'>;
  maintenance: Pick<MaintenanceStore, 'active'>;
  /** The panel tags of the alert's container (or stack), for rules and windows that match tags. */
  tagsOf(alert: Alert): Promise<string[]>;
  /** Wakes the delivery worker: something was queued. */
  kick(): void;
  /** Told of every alert recorded (live view). */
  onRecorded?(alert: Alert, deduplicated: boolean): void;
  now(): number;
  /** The panel's public address, for the link an alert carries (null: no link). */
  publicUrl: string | null;
  /** Identical alerts (one key, one status) within this window are folded into the first. */
  dedupeMs: number;
}

export interface RaiseResult {
  id: string;
  deduplicated: boolean;
  /** Why nothing was queued, when nothing was (a maintenance window, no matching rule). */
  skipped?: string;
}

/**
 * The one place every alert goes through: deduplicated, recorded, routed by the rules to channels,
 * queued in the persisted outbox. Raising never waits for a channel; the worker sends.
 */
export class AlertHub {
  /** One raise at a time, so two identical alerts cannot both miss each other's row. */
  #chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AlertHubDeps) {}

  raise(input: AlertInput): Promise<RaiseResult> {
    // SQLite answers synchronously, so a queue of raises would otherwise run as one long stretch of
    // promise callbacks: each waits for a turn of the event loop, and requests are served between.
    const next = this.#chain.then(yieldToLoop).then(() => this.record(input));
    this.#chain = next.catch(() => undefined);
    return next;
  }

  private async record(input: AlertInput): Promise<RaiseResult> {
    const { store } = this.deps;
    const now = this.deps.now();
    const latest = await store.latestByKey(input.key);
    if (input.status === 'resolved' && latest?.status !== 'firing') {
      // Nothing is firing under this key: there is nothing to recover from.
      return { id: latest?.id ?? '', deduplicated: true, skipped: 'nothing firing under this key' };
    }
    if (latest && latest.status === input.status && now - latest.last_at < this.deps.dedupeMs) {
      await store.repeat(latest.id, now);
      const alert = await store.get(latest.id);
      if (alert) this.deps.onRecorded?.(alert, true);
      return { id: latest.id, deduplicated: true };
    }
    const alert: Alert = {
      ...input,
      id: randomUUID(),
      at: input.at ?? now,
      url: input.url ?? this.linkFor(input),
    };
    const windows = await this.deps.maintenance.active();
    const rules = (await this.deps.rules.list()).filter((r) => r.enabled);
    // The tags cost a query per alert; only a window or rule that matches by tag needs them.
    const byTag = [...windows, ...rules].some((x) => x.match.tags?.length);
    const tags = byTag ? await this.deps.tagsOf(alert) : [];
    const window = windows.find((w) => ruleMatches(w.match, alert, tags));
    const routed = window ? null : await this.route(rules, alert, now, tags);
    const routes = routed?.routes ?? [];
    const skipped = window
      ? `maintenance: ${window.name}`
      : routes.length > 0
        ? undefined
        : routed?.held.length
          ? `cooldown: ${routed.held.join(', ')}`
          : 'no rule matched';
    await store.insert(alert, skipped ?? null);
    for (const r of routes) await store.enqueue(alert.id, r.channelId, r.ruleId, now);
    this.deps.onRecorded?.(alert, false);
    if (routes.length > 0) this.deps.kick();
    return { id: alert.id, deduplicated: false, ...(skipped ? { skipped } : {}) };
  }

  /** Where in the panel the alert's subject is: its container, else the alert history. */
  private linkFor(input: AlertInput): string | null {
    const base = this.deps.publicUrl;
    if (!base) return null;
    if (input.hostId && input.container)
      return `${base}/containers/${encodeURIComponent(input.hostId)}/${encodeURIComponent(input.container.id)}`;
    return `${base}/alerts`;
  }

  /** The channels the rules send this alert to, each once (the first rule that names it), and the rules a cooldown held back. */
  private async route(
    rules: readonly Rule[],
    alert: Alert,
    now: number,
    tags: readonly string[],
  ): Promise<{ routes: Array<{ channelId: string; ruleId: string }>; held: string[] }> {
    const out = new Map<string, string>();
    const held: string[] = [];
    for (const rule of rules) {
      if (!ruleMatches(rule.match, alert, tags)) continue;
      if (alert.status === 'resolved' && !rule.sendResolved) continue;
      if (
        alert.status === 'firing' &&
        rule.cooldownSeconds > 0 &&
        (await this.deps.store.sentRecently(rule.id, alert.key, now - rule.cooldownSeconds * 1000))
      ) {
        held.push(rule.name);
        continue;
      }
      for (const channelId of rule.channelIds) if (!out.has(channelId)) out.set(channelId, rule.id);
    }
    return { routes: [...out].map(([channelId, ruleId]) => ({ channelId, ruleId })), held };
  }
}

/** Resolves on the next turn of the event loop, after pending I/O. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
