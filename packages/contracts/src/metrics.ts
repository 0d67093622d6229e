import { z } from 'zod';

/*
 * Metrics, in two layers:
 *  - readings: raw cumulative counters one sampler takes at one instant (what the remote agent will
 *    send the server; rates need two readings);
 *  - points: rates and levels over an interval, as the API, the WebSocket and the history serve them.
 */

const bytes = z.number().nonnegative();

/** How a host's samples are taken: the kernel's files directly, or the engine's one-shot stats. */
export const samplerPathSchema = z.enum(['cgroup', 'engine-stats']);
export type SamplerPath = z.infer<typeof samplerPathSchema>;

/**
 * Where a container's network counters come from: its own namespace (`own`), none because it shares
 * the host's (`host`: the host's traffic is never shown as the container's) or another container's
 * (`shared`: the traffic is that container's), or no network at all (`none`).
 */
export const containerNetworkKindSchema = z.enum(['own', 'host', 'shared', 'none']);
export type ContainerNetworkKind = z.infer<typeof containerNetworkKindSchema>;

export const containerReadingSchema = z.object({
  id: z.string(),
  /** Cumulative CPU time of every process of the container, nanoseconds. */
  cpuNanos: bytes,
  /** Usage minus inactive file cache, as the Docker CLI computes it. */
  memoryBytes: bytes,
  /** The cgroup's limit, or null when unlimited. */
  memoryLimitBytes: bytes.nullable(),
  network: containerNetworkKindSchema,
  /** Cumulative bytes over every interface but loopback; null unless `network` is `own`. */
  net: z.object({ rxBytes: bytes, txBytes: bytes }).nullable(),
  /** Cumulative bytes read and written to block devices; null when the kernel does not say. */
  blkio: z.object({ readBytes: bytes, writeBytes: bytes }).nullable(),
});
export type ContainerReading = z.infer<typeof containerReadingSchema>;

export const diskUsageSchema = z.object({ usedBytes: bytes, totalBytes: bytes });
export type DiskUsage = z.infer<typeof diskUsageSchema>;

export const hostReadingSchema = z.object({
  /** Cumulative CPU time spent busy (everything but idle and iowait) over all CPUs, seconds. */
  cpuBusySeconds: bytes,
  /** Cumulative CPU time over all CPUs, seconds. */
  cpuTotalSeconds: bytes,
  cpus: z.number().int().positive(),
  memoryTotalBytes: bytes,
  /** MemAvailable: what can be given to programs without swapping. */
  memoryAvailableBytes: bytes,
  load: z.tuple([z.number(), z.number(), z.number()]),
  /** Cumulative bytes over every interface but loopback and the engine's virtual ones. */
  net: z.object({ rxBytes: bytes, txBytes: bytes }),
  /** Disk of the daemon's data directory and of the engine's root directory; null when unknown. */
  dataDisk: diskUsageSchema.nullable(),
  dockerDisk: diskUsageSchema.nullable(),
});
export type HostReading = z.infer<typeof hostReadingSchema>;

/** One sampler pass over a host: everything read at (about) one instant. */
export const metricsSnapshotSchema = z.object({
  /** Wall clock of the pass, unix ms. */
  at: z.number(),
  path: samplerPathSchema,
  /** The host's CPUs (container CPU as % of the host divides by it). */
  cpus: z.number().int().positive(),
  /** Null where the host itself cannot be read (a remote engine without an agent). */
  host: hostReadingSchema.nullable(),
  containers: z.array(containerReadingSchema),
});
export type MetricsSnapshot = z.infer<typeof metricsSnapshotSchema>;

/** A container's rates and levels over one interval. Rates are per second. */
export const containerMetricValuesSchema = z.object({
  /** CPU in cores (1.0 = one full core). */
  cpu: z.number(),
  /** CPU as % of the whole host (cores / host CPUs × 100). */
  cpuPercent: z.number(),
  memory: z.number(),
  netRx: z.number().nullable(),
  netTx: z.number().nullable(),
  blkRead: z.number().nullable(),
  blkWrite: z.number().nullable(),
});
export type ContainerMetricValues = z.infer<typeof containerMetricValuesSchema>;

export const hostMetricValuesSchema = z.object({
  cpu: z.number(),
  cpuPercent: z.number(),
  memory: z.number(),
  load1: z.number(),
  netRx: z.number(),
  netTx: z.number(),
  /** Used % of the daemon's data disk and of the engine's root disk. */
  dataDiskPercent: z.number().nullable(),
  dockerDiskPercent: z.number().nullable(),
});
export type HostMetricValues = z.infer<typeof hostMetricValuesSchema>;

export const metricsRangeSchema = z.enum(['5m', '1h', '24h', '7d', '30d', '90d']);
export type MetricsRange = z.infer<typeof metricsRangeSchema>;
