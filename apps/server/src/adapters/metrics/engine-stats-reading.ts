import { z } from 'zod';
import type { ContainerNetworkKind, ContainerReading } from '@harbourmaster/contracts';

const counter = z.number().nonnegative();

/**
 * The fields of `GET /containers/{id}/stats?stream=false` (API ≥ 1.41) a reading uses; the body has
 * many more, which are let through untouched. Cgroup v1 engines put `total_*` keys in
 * memory_stats.stats, v2 engines only the plain ones.
 */
const engineStatsSchema = z.looseObject({
  read: z.string().optional(),
  cpu_stats: z.looseObject({ cpu_usage: z.looseObject({ total_usage: counter }) }),
  memory_stats: z.looseObject({
    usage: counter,
    limit: counter.optional(),
    stats: z
      .looseObject({ inactive_file: counter.optional(), total_inactive_file: counter.optional() })
      .optional(),
  }),
  networks: z.record(z.string(), z.looseObject({ rx_bytes: counter, tx_bytes: counter })).optional(),
  blkio_stats: z
    .looseObject({
      io_service_bytes_recursive: z.array(z.looseObject({ op: z.string(), value: counter })).nullish(),
    })
    .optional(),
});

type EngineStats = z.infer<typeof engineStatsSchema>;

/** The engine reports an unlimited v1 cgroup's sentinel on some versions: 2^62 and up means no limit. */
const UNLIMITED = 2 ** 62;

/**
 * A container reading from the engine's one-shot stats body, for hosts whose cgroup files the daemon
 * cannot reach. `network` comes from the container's inspect: with `host` or `none` there are no
 * counters of its own, whatever the body says.
 *
 * @throws Error naming the container and the missing or malformed fields (a stopped container's
 *   body has no memory usage, for instance) — never a reading with NaN in it.
 */
export function engineStatsReading(
  id: string,
  body: unknown,
  network: ContainerNetworkKind,
): ContainerReading {
  const parsed = engineStatsSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
    );
    throw new Error(`engine stats for ${id} are not usable: ${problems.join('; ')}`);
  }
  const stats = parsed.data;
  const memory = stats.memory_stats;
  // As the Docker CLI computes it: usage minus inactive file cache (subtree total on v1).
  const inactiveFile = memory.stats?.total_inactive_file ?? memory.stats?.inactive_file ?? 0;
  const limit = memory.limit;
  // The engine's own time of the sample (its collection tick), not when it was asked.
  const at = stats.read === undefined ? Number.NaN : Date.parse(stats.read);
  return {
    id,
    ...(Number.isFinite(at) && at > 0 && { at }),
    cpuNanos: stats.cpu_stats.cpu_usage.total_usage,
    memoryBytes: Math.max(0, memory.usage - inactiveFile),
    // The engine reports the host's memory for an unlimited container; the caller decides what to show.
    memoryLimitBytes: limit === undefined || limit >= UNLIMITED ? null : limit,
    network,
    net: network === 'own' ? sumNetworks(stats.networks) : null,
    blkio: sumBlkio(stats.blkio_stats?.io_service_bytes_recursive),
  };
}

/** Sums every interface; null when the body has no networks (the engine did not say). */
function sumNetworks(networks: EngineStats['networks']): ContainerReading['net'] {
  if (networks === undefined) return null;
  let rxBytes = 0;
  let txBytes = 0;
  for (const counters of Object.values(networks)) {
    rxBytes += counters.rx_bytes;
    txBytes += counters.tx_bytes;
  }
  return { rxBytes, txBytes };
}

type BlkioEntries = NonNullable<EngineStats['blkio_stats']>['io_service_bytes_recursive'];

/** Sums read and write entries over devices (v1 engines spell them `Read`, v2 `read`); null when absent. */
function sumBlkio(entries: BlkioEntries): ContainerReading['blkio'] {
  if (entries == null) return null;
  let readBytes = 0;
  let writeBytes = 0;
  for (const entry of entries) {
    const op = entry.op.toLowerCase();
    if (op === 'read') readBytes += entry.value;
    else if (op === 'write') writeBytes += entry.value;
  }
  return { readBytes, writeBytes };
}
