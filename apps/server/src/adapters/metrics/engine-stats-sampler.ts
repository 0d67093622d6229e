import type { DockerEngine } from '@harbourmaster/engine';
import type { ContainerReading, MetricsSnapshot } from '@harbourmaster/contracts';
import { engineStatsReading } from './engine-stats-reading.js';
import type { HostReader } from './host-reader.js';
import type { MetricsSampler, SampleTarget } from './metrics-sampler.js';

export interface EngineStatsSamplerOptions {
  engine: () => DockerEngine;
  /** The host's own /proc when the engine runs on this machine; null for a remote engine. */
  host: HostReader | null;
  /** The engine host's CPUs (from `info`), for container CPU as % of the host. */
  cpus: () => number;
  /** Stats requests in flight at once: the engine answers each by reading the same cgroup files. */
  concurrency: number;
}

/**
 * The fallback where the cgroup files are out of reach (the daemon in a container without the
 * host's /proc and /sys/fs/cgroup, or a remote engine): the engine's one-shot stats, one request
 * per container, a bounded number at a time.
 */
export class EngineStatsSampler implements MetricsSampler {
  readonly path = 'engine-stats' as const;

  constructor(private readonly opts: EngineStatsSamplerOptions) {}

  async read(targets: readonly SampleTarget[]): Promise<MetricsSnapshot> {
    const host = this.opts.host?.readOrNull() ?? null;
    const at = Date.now();
    const containers: ContainerReading[] = [];
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const target = targets[next++]!;
        try {
          const body = await this.opts.engine().containerStats(target.id);
          containers.push(engineStatsReading(target.id, body, target.network));
        } catch {
          // Stopped or removed meanwhile (its stats are then empty): not in this pass.
        }
      }
    };
    const workers = Math.min(this.opts.concurrency, targets.length);
    await Promise.all(Array.from({ length: workers }, worker));
    return { at, path: this.path, cpus: host?.cpus ?? this.opts.cpus(), host, containers };
  }

  close(): void {
    this.opts.host?.close();
  }
}
