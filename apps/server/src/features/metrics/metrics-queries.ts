import type {
  ContainerMetricsReply,
  HostMetricsReply,
  LatestMetricsReply,
  MetricsRange,
} from '@harbourmaster/contracts';
import type { Core } from '../../core.js';
import { notFound } from '../../http/http-errors.js';
import { networkKind } from '../../adapters/metrics/metrics-sampler.js';
import { CONTAINER_FIELDS, HOST_FIELDS, type Bucket } from './history/bucket.js';
import type { MetricsService } from './metrics.service.js';

type Deps = Pick<Core, 'hosts' | 'inventory'>;

/** A bucket's positional values as an object of the kind's fields. */
function named<F extends readonly string[]>(fields: F, values: (number | null)[]) {
  return Object.fromEntries(fields.map((f, i) => [f, values[i] ?? null])) as {
    [K in F[number]]: number | null;
  };
}

function points<F extends readonly string[]>(fields: F, buckets: readonly Bucket[]) {
  return buckets.map((b) => ({
    t: b.t * 1000,
    n: b.n,
    avg: named(fields, b.avg),
    max: named(fields, b.max),
  }));
}

/** The metrics API's answers, from the service's last passes and history. */
export class MetricsQueries {
  constructor(
    private readonly deps: Deps,
    private readonly metrics: MetricsService,
  ) {}

  async container(hostId: string, ref: string, range: MetricsRange): Promise<ContainerMetricsReply> {
    this.deps.hosts.get(hostId); // 404 for an unknown host
    const id = await this.resolve(hostId, ref);
    const now = Date.now() / 1000;
    const { tier, buckets } = this.metrics.history.query(hostId, 'container', id, range, now);
    const latest = this.metrics.latest(hostId);
    const reading = latest?.pass.snapshot.containers.find((c) => c.id === id);
    return {
      range,
      step: tier.step,
      sampler: this.metrics.sampler(hostId),
      latest: latest?.containers.get(id) ?? null,
      network: reading ? reading.network : await this.networkOf(hostId, id),
      points: points(CONTAINER_FIELDS, buckets),
    };
  }

  host(hostId: string, range: MetricsRange): HostMetricsReply {
    this.deps.hosts.get(hostId);
    const { tier, buckets } = this.metrics.history.query(hostId, 'host', hostId, range, Date.now() / 1000);
    const latest = this.metrics.latest(hostId);
    return {
      range,
      step: tier.step,
      sampler: this.metrics.sampler(hostId),
      latest: latest?.host ?? null,
      cpus: latest?.pass.snapshot.cpus ?? this.metrics.hostFacts(hostId)?.cpus ?? null,
      memoryTotal: latest?.pass.snapshot.host?.memoryTotalBytes ?? null,
      points: points(HOST_FIELDS, buckets),
    };
  }

  latest(hostId: string): LatestMetricsReply {
    this.deps.hosts.get(hostId);
    const latest = this.metrics.latest(hostId);
    return {
      at: latest?.at ?? null,
      sampler: this.metrics.sampler(hostId),
      containers: Object.fromEntries(latest?.containers ?? []),
    };
  }

  /**
   * A container's full id from an id, a unique id prefix or a name, as the rest of the API takes it;
   * a removed container's history is still found by its full id.
   */
  private async resolve(hostId: string, ref: string): Promise<string> {
    const id = await this.deps.inventory.resolve(hostId, ref);
    if (id) return id;
    if (/^[0-9a-f]{64}$/.test(ref) && this.metrics.history.has(hostId, 'container', ref)) return ref;
    throw notFound(`no container ${ref} on host ${hostId}`);
  }

  private async networkOf(hostId: string, id: string) {
    const listed = await this.deps.inventory.containers(hostId);
    const entry = listed.ok ? listed.entries.find((e) => e.raw.Id === id) : undefined;
    return entry?.state?.running ? networkKind(entry.raw.HostConfig?.NetworkMode) : null;
  }
}
