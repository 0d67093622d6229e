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
  /**
   * When the counters were read, unix ms, where it differs from the pass's `at` (the engine's stats
   * come from its own collection tick, up to a second after the request): rates use it.
   */
  at: z.number().optional(),
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

const nullableNumber = z.number().nullable();

/** A container bucket's values: the same fields, each null where no sample in the bucket had it. */
export const containerBucketValuesSchema = z.object({
  cpu: nullableNumber,
  cpuPercent: nullableNumber,
  memory: nullableNumber,
  netRx: nullableNumber,
  netTx: nullableNumber,
  blkRead: nullableNumber,
  blkWrite: nullableNumber,
});

/** A host bucket's values, each null where no sample in the bucket had it. */
export const hostBucketValuesSchema = z.object({
  cpu: nullableNumber,
  cpuPercent: nullableNumber,
  memory: nullableNumber,
  load1: nullableNumber,
  netRx: nullableNumber,
  netTx: nullableNumber,
  dataDiskPercent: nullableNumber,
  dockerDiskPercent: nullableNumber,
});

/** How a host is sampled, and why when it is not the fast path. */
export const samplerInfoSchema = z.object({
  path: samplerPathSchema.nullable().meta({ description: 'Null until the first pass over the host' }),
  reason: z.string().nullable().meta({ description: 'Why the fallback (or nothing) is used' }),
  intervalSeconds: z.number().int(),
});
export type SamplerInfo = z.infer<typeof samplerInfoSchema>;

export const metricsQuerySchema = z.object({
  range: metricsRangeSchema.default('1h').meta({
    description: 'How far back: 5m (1 s points), 1h (10 s), 24h (1 min), 7d (5 min), 30d and 90d (1 h)',
  }),
});

const pointOf = <V extends z.ZodType>(values: V) =>
  z.object({
    t: z.number().int().meta({ description: 'Start of the bucket, unix ms' }),
    n: z.number().int().meta({ description: 'Samples in the bucket' }),
    avg: values,
    max: values,
  });

const seriesFields = {
  range: metricsRangeSchema,
  step: z.number().int().meta({ description: 'Seconds per point' }),
  sampler: samplerInfoSchema,
};

export const containerMetricsReplySchema = z.object({
  ...seriesFields,
  latest: containerMetricValuesSchema
    .nullable()
    .meta({ description: 'The values of the last pass, null when none' }),
  network: containerNetworkKindSchema.nullable().meta({
    description: 'host: no counters of its own (it shares the host network); null when not running',
  }),
  points: z.array(pointOf(containerBucketValuesSchema)),
});
export type ContainerMetricsReply = z.infer<typeof containerMetricsReplySchema>;

export const hostMetricsReplySchema = z.object({
  ...seriesFields,
  latest: hostMetricValuesSchema
    .nullable()
    .meta({ description: 'The values of the last pass, null when none' }),
  cpus: z.number().int().nullable(),
  memoryTotal: z.number().nullable(),
  points: z.array(pointOf(hostBucketValuesSchema)),
});
export type HostMetricsReply = z.infer<typeof hostMetricsReplySchema>;

/** The last pass over a host's containers, for sorting and the dashboard's top consumers. */
export const latestMetricsReplySchema = z.object({
  at: z.number().int().nullable(),
  sampler: samplerInfoSchema,
  containers: z.record(z.string(), containerMetricValuesSchema),
});
export type LatestMetricsReply = z.infer<typeof latestMetricsReplySchema>;

/** One live message of the `metrics:<host>` / `metrics:<host>:<container>` topics. */
export const metricsLiveSchema = z.object({
  hostId: z.string(),
  at: z.number().int(),
  /** Present when `metrics:<host>` is subscribed. */
  host: hostMetricValuesSchema.nullable().optional(),
  containers: z.record(z.string(), containerMetricValuesSchema),
  /** Sent once on subscribing: the last minutes at 1 s, oldest first, per container (cpu and memory). */
  recent: z
    .record(
      z.string(),
      z.array(z.object({ t: z.number().int(), cpu: z.number().nullable(), memory: z.number().nullable() })),
    )
    .optional(),
});
export type MetricsLive = z.infer<typeof metricsLiveSchema>;

/** How often hosts are sampled and how long history is kept. */
export const metricsSettingsSchema = z.object({
  intervalSeconds: z
    .number({ error: 'intervalSeconds is a whole number of seconds from 1 to 60' })
    .int('intervalSeconds is a whole number of seconds from 1 to 60')
    .min(1, 'sample at most once a second (intervalSeconds ≥ 1)')
    .max(60, 'sample at least once a minute (intervalSeconds ≤ 60)'),
  retentionDays: z
    .number({ error: 'retentionDays is a whole number of days from 1 to 365' })
    .int('retentionDays is a whole number of days from 1 to 365')
    .min(1, 'keep history at least one day (retentionDays ≥ 1)')
    .max(365, 'keep history at most a year (retentionDays ≤ 365)')
    .meta({
      description: 'Days of hourly history; 1-minute points keep 1 day and 5-minute points 7 (at most this)',
    }),
});
export type MetricsSettings = z.infer<typeof metricsSettingsSchema>;
export const DEFAULT_METRICS_SETTINGS: MetricsSettings = { intervalSeconds: 1, retentionDays: 90 };

export const metricsSettingsUpdateSchema = metricsSettingsSchema
  .partial()
  .refine((b) => b.intervalSeconds !== undefined || b.retentionDays !== undefined, {
    message: 'change at least one of intervalSeconds, retentionDays',
  });
