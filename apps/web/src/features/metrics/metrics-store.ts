import type { ContainerMetricValues, MetricsLive } from '@harbourmaster/contracts';

/** One point of a row's last minute: when (unix ms), CPU cores and memory bytes. */
export interface RecentPoint {
  t: number;
  cpu: number | null;
  memory: number | null;
}

/** What a table row shows: the latest values and the last minute for its sparklines. */
export interface RowMetrics {
  latest: ContainerMetricValues | null;
  /** Oldest first, at most RECENT_MS old measured from the newest. */
  recent: readonly RecentPoint[];
}

/** How much history a sparkline shows. */
export const RECENT_MS = 60_000;

/** The store's key for one container on one host. */
export const rowMetricsKey = (host: string, id: string) => `${host}/${id}`;

/**
 * Live container metrics outside React: each row listens to its own key only, so one pass of
 * samples re-renders the rows it changed, not the whole table (useSyncExternalStore per row).
 * A row's object is replaced, never changed in place, when its values change.
 */
export class MetricsStore {
  readonly #rows = new Map<string, RowMetrics>();
  readonly #listeners = new Map<string, Set<() => void>>();

  /** The row's metrics, or undefined before anything arrived for it. */
  get(key: string): RowMetrics | undefined {
    return this.#rows.get(key);
  }

  /** Calls `listener` whenever the row's metrics change; returns the function that stops it. */
  subscribe(key: string, listener: () => void): () => void {
    let set = this.#listeners.get(key);
    if (!set) this.#listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(key);
    };
  }

  /**
   * Takes one live message: `recent` (sent once on subscribing) replaces a row's last minute;
   * `containers` sets the latest values and appends a point, dropping points older than a minute.
   */
  apply(msg: MetricsLive): void {
    const changed = new Set<string>();
    for (const [id, points] of Object.entries(msg.recent ?? {})) {
      const key = rowMetricsKey(msg.hostId, id);
      const last = points.at(-1)?.t ?? msg.at;
      this.#rows.set(key, {
        latest: this.#rows.get(key)?.latest ?? null,
        recent: points.filter((p) => p.t > last - RECENT_MS),
      });
      changed.add(key);
    }
    for (const [id, values] of Object.entries(msg.containers)) {
      const key = rowMetricsKey(msg.hostId, id);
      const old = this.#rows.get(key)?.recent ?? [];
      const newer = old.length === 0 || (old.at(-1)?.t ?? 0) < msg.at;
      const recent = newer ? [...old, { t: msg.at, cpu: values.cpu, memory: values.memory }] : old;
      this.#rows.set(key, { latest: values, recent: recent.filter((p) => p.t > msg.at - RECENT_MS) });
      changed.add(key);
    }
    for (const key of changed) this.#listeners.get(key)?.forEach((l) => l());
  }

  /** Forgets every row (on sign-out); listeners stay, and hear nothing until new values arrive. */
  clear(): void {
    this.#rows.clear();
  }
}
