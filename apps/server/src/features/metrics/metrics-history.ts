import type { ContainerMetricValues, HostMetricValues, MetricsRange } from '@harbourmaster/contracts';
import type { Bucket, SeriesKind } from './history/bucket.js';
import type { MetricsStore } from './history/metrics-store.js';
import { SeriesRollup, seedFrom } from './history/series-rollup.js';
import { queryWindow, type PersistedTierName, type TierSpec } from './history/tiers.js';

/** A series not sampled for this long is closed in memory (its stopped container's rows are written). */
const IDLE_SECONDS = 120;

/** How long each persisted tier is kept, seconds. */
export type Retention = Readonly<Record<PersistedTierName, number>>;

interface Active {
  id: number;
  rollup: SeriesRollup<SeriesKind>;
  lastSample: number;
}

const seriesKey = (host: string, kind: SeriesKind, key: string) => `${host}\u0000${kind}\u0000${key}`;

/**
 * Every series' tiers: the in-memory rollups of what is being sampled now, over the store that
 * keeps the persisted tiers. Times are unix seconds.
 */
export class MetricsHistory {
  readonly #active = new Map<string, Active>();
  /** Ids of every stored series, sampled now or not (a stopped container's history stays readable). */
  readonly #ids = new Map<string, number>();

  constructor(private readonly store: MetricsStore) {
    for (const s of store.listSeries()) this.#ids.set(seriesKey(s.host, s.kind, s.key), s.id);
  }

  /** One pass's values for a host and its containers; `nameOf` is asked only for a series new to memory. */
  record(
    hostId: string,
    at: number,
    host: HostMetricValues | null,
    containers: ReadonlyMap<string, ContainerMetricValues>,
    nameOf: (id: string) => string,
  ): void {
    if (host) this.series(hostId, 'host', hostId, () => hostId, at).add(at, host);
    for (const [id, values] of containers)
      this.series(hostId, 'container', id, () => nameOf(id), at).add(at, values);
  }

  /** Whether a series was ever stored (a removed container's history is readable until it expires). */
  has(hostId: string, kind: SeriesKind, key: string): boolean {
    return this.#ids.has(seriesKey(hostId, kind, key));
  }

  /** Buckets of a range ending at `now`, oldest first; empty for a series never sampled. */
  query(
    hostId: string,
    kind: SeriesKind,
    key: string,
    range: MetricsRange,
    now: number,
  ): { tier: TierSpec; buckets: Bucket[] } {
    const { tier, from, to } = queryWindow(range, now);
    const k = seriesKey(hostId, kind, key);
    const active = this.#active.get(k);
    if (tier.name === '1s' || tier.name === '10s') {
      return { tier, buckets: active ? active.rollup.read(tier.name, from, to) : [] };
    }
    const id = this.#ids.get(k);
    const buckets = id === undefined ? [] : this.store.query(id, tier.name, from, to);
    // The open bucket is not stored yet: add it so a chart reaches the present.
    const open = active?.rollup.openBucket(tier.name);
    if (open && open.t >= from && open.t <= to && (buckets.at(-1)?.t ?? -1) < open.t) buckets.push(open);
    return { tier, buckets };
  }

  /** Closes the buckets whose window passed, and lets go of series no longer sampled. */
  maintain(now: number): void {
    for (const [k, a] of this.#active) {
      a.rollup.flush(now);
      if (now - a.lastSample > IDLE_SECONDS) {
        // Its last partial minute is written as it is; a restart of the container seeds it again.
        a.rollup.flush(Infinity);
        this.#active.delete(k);
      }
    }
  }

  /** Marks a removed container's series: kept until its rows expire, then reclaimed by `prune`. */
  removed(hostId: string, containerId: string, now: number): void {
    const id = this.#ids.get(seriesKey(hostId, 'container', containerId));
    if (id === undefined) return;
    this.#active.get(seriesKey(hostId, 'container', containerId))?.rollup.flush(Infinity);
    this.#active.delete(seriesKey(hostId, 'container', containerId));
    this.store.markRemoved(id, now);
  }

  /** Deletes a little of what expired (called often, each call short). */
  prune(now: number, retention: Retention): void {
    this.store.prune(now, retention);
    const known = new Set(this.store.listSeries().map((s) => s.id));
    for (const [k, id] of this.#ids) if (!known.has(id)) this.#ids.delete(k);
  }

  /** Writes every open bucket as it is (shutdown); a restart re-seeds the 5 min and 1 h ones. */
  close(): void {
    for (const a of this.#active.values()) a.rollup.flush(Infinity);
    this.#active.clear();
    this.store.flush();
    this.store.close();
  }

  private series(
    host: string,
    kind: SeriesKind,
    key: string,
    name: () => string,
    now: number,
  ): SeriesRollup<SeriesKind> {
    const k = seriesKey(host, kind, key);
    let active = this.#active.get(k);
    if (!active) {
      const id = this.store.upsertSeries({ host, kind, key, name: name() }, Math.floor(now));
      this.#ids.set(k, id);
      const rollup = new SeriesRollup(kind, (tier, bucket) =>
        this.store.enqueue([{ series: id, tier, bucket }]),
      );
      rollup.seed(this.store.loadOpen(id, '1m', seedFrom(now)));
      active = { id, rollup, lastSample: now };
      this.#active.set(k, active);
    }
    active.lastSample = now;
    return active.rollup;
  }
}
