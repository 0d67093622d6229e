import { join, resolve } from 'node:path';
import type {
  ContainerMetricValues,
  HostMetricValues,
  MetricsLive,
  SamplerInfo,
  ServerMessage,
} from '@harbourmaster/contracts';
import type { Core } from '../../core.js';
import type { SampleTarget } from '../../adapters/metrics/metrics-sampler.js';
import { networkKind } from '../../adapters/metrics/metrics-sampler.js';
import type { InventoryEntry } from '../inventory/host-inventory.js';
import { HostSampling, type SamplingPass } from './host-sampling.js';
import { MetricsHistory, type Retention } from './metrics-history.js';
import { openMetricsStore } from './history/metrics-store.js';
import { CONTAINER_FIELDS } from './history/bucket.js';
import type { MetricsSettings } from './metrics-settings.js';

/**
 * The engine-stats fallback's requests in flight per host. The engine answers each at its next
 * collection tick (about a second, one-shot or not), so a pass over n containers takes about
 * n / 64 seconds: passes that would overlap are skipped and counted.
 */
const STATS_CONCURRENCY = 64;
/** How often buckets whose window passed are closed and written out. */
const MAINTAIN_MS = 10_000;
/**
 * How often expired rows are pruned (each step short). Every 5 minutes rather than each upkeep: the
 * same rows go in fewer, larger deletes, about 20 % fewer page writes (bench/metrics-history.mjs).
 */
const PRUNE_EVERY = 30;
/** Seconds of 1 s history a newly subscribed row gets, for its sparkline. */
const RECENT_SECONDS = 60;
const CPU = CONTAINER_FIELDS.indexOf('cpu');
const MEMORY = CONTAINER_FIELDS.indexOf('memory');

/** The last pass over a host. */
export interface LatestPass {
  at: number;
  host: HostMetricValues | null;
  containers: ReadonlyMap<string, ContainerMetricValues>;
  pass: SamplingPass;
}

type Deps = Pick<Core, 'config' | 'logger' | 'hosts' | 'inventory' | 'live' | 'bus'>;

/**
 * Samples every reachable host at the configured interval, keeps the last pass, feeds the history
 * and sends subscribed clients their rows. The one place that knows all of metrics' moving parts.
 */
export class MetricsService {
  readonly #hosts = new Map<string, HostSampling>();
  readonly #latest = new Map<string, LatestPass>();
  readonly #facts = new Map<string, { cpus: number; dockerRoot: string | null }>();
  readonly history: MetricsHistory;
  #timer: NodeJS.Timeout | undefined;
  #maintainTimer: NodeJS.Timeout | undefined;
  #stopped = false;
  #upkeeps = 0;
  /** Hosts with a pass under way (waiting for the inventory or reading): the next tick skips them. */
  readonly #inFlight = new Set<string>();
  readonly #off: Array<() => void> = [];

  constructor(
    private readonly deps: Deps,
    private settings: MetricsSettings,
  ) {
    const dir = resolve(deps.config.dataDir);
    this.history = new MetricsHistory(
      openMetricsStore(join(dir, 'metrics.db'), {
        onError: (err) => deps.logger.warn({ err }, 'metrics: could not write history; dropped a batch'),
      }),
    );
  }

  start(): void {
    this.#off.push(
      this.deps.bus.on('host.status', ({ hostId, reachable }) => {
        if (reachable) void this.loadFacts(hostId);
        else {
          // Its last values are not current any more; rates start afresh after the reconnect.
          this.#hosts.get(hostId)?.reset();
          this.#latest.delete(hostId);
        }
      }),
      this.deps.bus.on('engine.event', ({ hostId, event }) => {
        if (event.Type === 'container' && event.Action === 'destroy')
          this.history.removed(hostId, event.Actor.ID, Math.floor(Date.now() / 1000));
      }),
    );
    this.deps.live.onSubscribe('metrics:', (topics) => this.recentMessage(topics));
    this.schedule();
    this.#maintainTimer = setInterval(() => this.maintain(), MAINTAIN_MS);
    this.#maintainTimer.unref();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearInterval(this.#maintainTimer);
    for (const off of this.#off.splice(0)) off();
    for (const h of this.#hosts.values()) h.close();
    this.history.close();
  }

  /** A new interval or retention takes effect at the next tick. */
  apply(settings: MetricsSettings): void {
    this.settings = settings;
  }

  get intervalSeconds(): number {
    return this.settings.intervalSeconds;
  }

  sampler(hostId: string): SamplerInfo {
    const info = this.#hosts.get(hostId)?.info ?? { path: null, reason: 'not sampled yet' };
    return { ...info, intervalSeconds: this.settings.intervalSeconds };
  }

  latest(hostId: string): LatestPass | undefined {
    return this.#latest.get(hostId);
  }

  hostFacts(hostId: string): { cpus: number; dockerRoot: string | null } | undefined {
    return this.#facts.get(hostId);
  }

  /** Sampling counters of every host, for the daemon's own metrics. */
  samplingStats(): Array<{ hostId: string; stats: HostSampling['stats'] }> {
    return [...this.#hosts.values()].map((h) => ({ hostId: h.hostId, stats: h.stats }));
  }

  private schedule(): void {
    if (this.#stopped) return;
    const step = this.settings.intervalSeconds * 1000;
    // On the interval's boundaries, so passes stay evenly spaced whatever one took.
    const wait = step - (Date.now() % step);
    this.#timer = setTimeout(() => {
      this.tick();
      this.schedule();
    }, wait);
    this.#timer.unref();
  }

  private tick(): void {
    for (const { host, status } of this.deps.hosts.list()) {
      if (!status.reachable) continue;
      if (this.#inFlight.has(host.id)) {
        const sampling = this.#hosts.get(host.id);
        if (sampling) sampling.stats.skippedPasses++;
        continue;
      }
      this.#inFlight.add(host.id);
      void this.passOver(host.id, host.kind)
        .catch((err: unknown) => this.deps.logger.warn({ host: host.id, err }, 'metrics: a pass failed'))
        .finally(() => this.#inFlight.delete(host.id));
    }
  }

  private async passOver(hostId: string, kind: 'socket' | 'tcp' | 'agent'): Promise<void> {
    const listed = await this.deps.inventory.containers(hostId);
    if (!listed.ok) return;
    let sampling = this.#hosts.get(hostId);
    if (!sampling) {
      sampling = new HostSampling(
        hostId,
        {
          kind,
          engine: () => this.deps.hosts.engine(hostId),
          cpus: () => this.#facts.get(hostId)?.cpus ?? 1,
          dockerRoot: () => this.#facts.get(hostId)?.dockerRoot ?? null,
        },
        {
          mode: this.deps.config.metrics.sampler,
          procRoot: this.deps.config.metrics.procRoot,
          cgroupRoot: this.deps.config.metrics.cgroupRoot,
          dataDir: resolve(this.deps.config.dataDir),
          concurrency: STATS_CONCURRENCY,
        },
        this.deps.logger,
      );
      this.#hosts.set(hostId, sampling);
      if (!this.#facts.has(hostId)) await this.loadFacts(hostId);
    }
    const pass = await sampling.pass(targetsOf(listed.entries));
    if (!pass.values) return;
    const at = pass.snapshot.at;
    this.#latest.set(hostId, { at, host: pass.values.host, containers: pass.values.containers, pass });
    // A name is looked up only for a series new to memory, not for every container every pass.
    this.history.record(hostId, at / 1000, pass.values.host, pass.values.containers, (id) =>
      nameOf(listed.entries.find((e) => e.raw.Id === id)),
    );
    this.publish(hostId, at, pass.values.host, pass.values.containers);
    this.deps.bus.emit('metrics.pass', {
      hostId,
      at,
      host: pass.values.host,
      containers: pass.values.containers,
      snapshot: pass.snapshot,
    });
  }

  private async loadFacts(hostId: string): Promise<void> {
    try {
      const info = await this.deps.hosts.engine(hostId).info();
      this.#facts.set(hostId, { cpus: Math.max(1, info.NCPU), dockerRoot: info.DockerRootDir ?? null });
    } catch (err) {
      this.deps.logger.warn({ host: hostId, err }, 'metrics: could not read the engine info');
    }
  }

  /** Each client gets one message per pass with only the rows it follows. */
  private publish(
    hostId: string,
    at: number,
    host: HostMetricValues | null,
    containers: ReadonlyMap<string, ContainerMetricValues>,
  ): void {
    const base = `metrics:${hostId}`;
    this.deps.live.publishEach(base, (topics) => {
      const data: MetricsLive = { hostId, at, containers: {} };
      let any = false;
      for (const t of topics) {
        if (t === base) {
          data.host = host;
          any = true;
        } else if (t.startsWith(`${base}:`)) {
          const values = containers.get(t.slice(base.length + 1));
          if (values) {
            data.containers[t.slice(base.length + 1)] = values;
            any = true;
          }
        }
      }
      return any ? { type: 'event', topic: 'metrics', data } : null;
    });
  }

  /** On subscribing to container rows: their last minute at 1 s, for the sparklines. */
  private recentMessage(topics: readonly string[]): ServerMessage | null {
    const now = Date.now() / 1000;
    const byHost = new Map<string, MetricsLive>();
    for (const t of topics) {
      const [, hostId, id] = t.split(':');
      if (!hostId || !id) continue;
      const { buckets } = this.history.query(hostId, 'container', id, '5m', now);
      const recent = buckets
        .filter((b) => b.t > now - RECENT_SECONDS)
        .map((b) => ({ t: b.t * 1000, cpu: b.avg[CPU] ?? null, memory: b.avg[MEMORY] ?? null }));
      let msg = byHost.get(hostId);
      if (!msg) {
        msg = { hostId, at: Math.round(now * 1000), containers: {}, recent: {} };
        byHost.set(hostId, msg);
      }
      msg.recent![id] = recent;
    }
    // One host per subscribe message is what the panel sends; a mixed one gets the first host's.
    const first = byHost.values().next().value;
    return first ? { type: 'event', topic: 'metrics', data: first } : null;
  }

  private maintain(): void {
    const now = Date.now() / 1000;
    try {
      this.history.maintain(now);
      if (this.#upkeeps++ % PRUNE_EVERY === 0)
        this.history.prune(Math.floor(now), retentionOf(this.settings));
    } catch (err) {
      this.deps.logger.warn({ err }, 'metrics: history upkeep failed');
    }
  }
}

/** Running containers with a known main process. */
function targetsOf(entries: readonly InventoryEntry[]): SampleTarget[] {
  const targets: SampleTarget[] = [];
  for (const e of entries) {
    if (!e.state?.running || e.pid <= 0) continue;
    targets.push({ id: e.raw.Id, pid: e.pid, network: networkKind(e.raw.HostConfig?.NetworkMode) });
  }
  return targets;
}

function nameOf(entry: InventoryEntry | undefined): string {
  return entry?.raw.Names[0]?.replace(/^\//, '') ?? '';
}

/** The retention setting (days of the 1 h tier) as seconds per tier; finer tiers keep less. */
export function retentionOf(settings: MetricsSettings): Retention {
  const day = 86_400;
  const days = settings.retentionDays;
  return { '1m': Math.min(1, days) * day, '5m': Math.min(7, days) * day, '1h': days * day };
}
