import type { ContainerNetworkKind, MetricsSnapshot, SamplerPath } from '@harbourmaster/contracts';

/** A running container to sample: its main process (from inspect) and how its network is set up. */
export interface SampleTarget {
  readonly id: string;
  readonly pid: number;
  readonly network: ContainerNetworkKind;
}

/**
 * Takes one host's readings. The one interface features see: the server runs it next to a local
 * engine, and the agent will run the same code next to its own and send the snapshots.
 */
export interface MetricsSampler {
  readonly path: SamplerPath;
  /** One pass over the host and the targets; a target that stopped meanwhile is left out. */
  read(targets: readonly SampleTarget[]): Promise<MetricsSnapshot>;
  /** Releases open files. */
  close(): void;
}

/** A container's network kind from its HostConfig.NetworkMode. */
export function networkKind(mode: string | undefined): ContainerNetworkKind {
  if (mode === 'host') return 'host';
  if (mode === 'none') return 'none';
  if (mode?.startsWith('container:')) return 'shared';
  return 'own';
}
