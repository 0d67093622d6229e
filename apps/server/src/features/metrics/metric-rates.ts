import type {
  ContainerMetricValues,
  ContainerReading,
  DiskUsage,
  HostMetricValues,
  HostReading,
  MetricsSnapshot,
} from '@harbourmaster/contracts';

/*
 * Rates from two readings of cumulative counters. Nothing is rounded here: the history averages
 * these values and the API rounds what it serves.
 */

/** (next − prev) per second for a counter both readings have; null when either lacks it. */
function perSecond(prev: number | undefined, next: number | undefined, seconds: number): number | null {
  return prev === undefined || next === undefined ? null : (next - prev) / seconds;
}

/** Whether any counter of `next` is below the same counter of `prev` (both known). */
function wentBack(
  prev: Readonly<Record<string, number>> | null,
  next: Readonly<Record<string, number>> | null,
): boolean {
  if (prev === null || next === null) return false;
  return Object.keys(next).some((key) => (next[key] ?? 0) < (prev[key] ?? 0));
}

/**
 * A container's values over `seconds` between two readings; null when there is no interval or a
 * counter went backwards (the container restarted: its cgroup and namespace are new), or no CPU count.
 *
 * @param hostCpus the host's CPU count, for `cpuPercent` (cores / CPUs × 100).
 */
export function containerValues(
  prev: ContainerReading,
  next: ContainerReading,
  seconds: number,
  hostCpus: number,
): ContainerMetricValues | null {
  if (!(seconds > 0) || !(hostCpus > 0)) return null;
  if (next.cpuNanos < prev.cpuNanos || wentBack(prev.net, next.net) || wentBack(prev.blkio, next.blkio))
    return null;
  const cpu = (next.cpuNanos - prev.cpuNanos) / 1e9 / seconds;
  return {
    cpu,
    cpuPercent: (cpu / hostCpus) * 100,
    memory: next.memoryBytes,
    netRx: perSecond(prev.net?.rxBytes, next.net?.rxBytes, seconds),
    netTx: perSecond(prev.net?.txBytes, next.net?.txBytes, seconds),
    blkRead: perSecond(prev.blkio?.readBytes, next.blkio?.readBytes, seconds),
    blkWrite: perSecond(prev.blkio?.writeBytes, next.blkio?.writeBytes, seconds),
  };
}

/**
 * The host's values between two readings; null when there is no interval or a counter went
 * backwards (a reboot). CPU is the busy share of all CPU time that passed, times the CPU count:
 * a sampler that runs late changes both deltas alike, so the share stays right.
 */
export function hostValues(prev: HostReading, next: HostReading, seconds: number): HostMetricValues | null {
  const busy = next.cpuBusySeconds - prev.cpuBusySeconds;
  const total = next.cpuTotalSeconds - prev.cpuTotalSeconds;
  // No tick between the readings (sampled twice within 10 ms) says nothing about CPU: no values.
  if (!(seconds > 0) || !(total > 0) || busy < 0 || wentBack(prev.net, next.net)) return null;
  const share = busy / total;
  return {
    cpu: share * next.cpus,
    cpuPercent: share * 100,
    memory: Math.max(0, next.memoryTotalBytes - next.memoryAvailableBytes),
    load1: next.load[0],
    netRx: (next.net.rxBytes - prev.net.rxBytes) / seconds,
    netTx: (next.net.txBytes - prev.net.txBytes) / seconds,
    dataDiskPercent: usedPercent(next.dataDisk),
    dockerDiskPercent: usedPercent(next.dockerDisk),
  };
}

function usedPercent(disk: DiskUsage | null): number | null {
  return disk === null || disk.totalBytes <= 0 ? null : (disk.usedBytes / disk.totalBytes) * 100;
}

/** The values between two sampler passes over one host. */
export interface SnapshotValues {
  /** The interval, from the passes' wall clocks. */
  readonly seconds: number;
  readonly host: HostMetricValues | null;
  /** By container id; a container new in `next`, or restarted since `prev`, has no values yet. */
  readonly containers: ReadonlyMap<string, ContainerMetricValues>;
}

/** Pairs two passes' readings by container id and computes every value between them. */
export function snapshotValues(prev: MetricsSnapshot, next: MetricsSnapshot): SnapshotValues {
  const seconds = (next.at - prev.at) / 1000;
  const before = new Map(prev.containers.map((reading) => [reading.id, reading]));
  const containers = new Map<string, ContainerMetricValues>();
  for (const reading of next.containers) {
    const earlier = before.get(reading.id);
    // Readings that carry their own time (the engine's stats) are paired over that interval.
    const interval =
      earlier?.at !== undefined && reading.at !== undefined ? (reading.at - earlier.at) / 1000 : seconds;
    const values = earlier && containerValues(earlier, reading, interval, next.cpus);
    if (values) containers.set(reading.id, values);
  }
  const host = prev.host && next.host && hostValues(prev.host, next.host, seconds);
  return { seconds, host, containers };
}
