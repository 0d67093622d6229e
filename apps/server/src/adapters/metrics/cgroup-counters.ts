import type { ContainerReading } from '@harbourmaster/contracts';

/** What one container's cgroup files give, in either cgroup version: a reading without id and network. */
export type CgroupCounters = Pick<
  ContainerReading,
  'cpuNanos' | 'memoryBytes' | 'memoryLimitBytes' | 'blkio'
>;
