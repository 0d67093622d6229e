import type { DockerEngine } from '@harbourmaster/engine';
import { CgroupSampler } from './cgroup-sampler.js';
import { EngineStatsSampler } from './engine-stats-sampler.js';
import { HostReader } from './host-reader.js';
import type { MetricsSampler } from './metrics-sampler.js';

export interface SamplerChoiceOptions {
  /** `auto`: the cgroup files where they can be read, else the engine's stats. */
  mode: 'auto' | 'cgroup' | 'engine-stats';
  procRoot: string;
  cgroupRoot: string;
  dataDir: string;
  /** Stats requests in flight at once on the fallback path. */
  concurrency: number;
}

export interface HostFacts {
  /** `socket`: the engine runs on this machine; `tcp`/`agent`: elsewhere. */
  kind: 'socket' | 'tcp' | 'agent';
  engine: () => DockerEngine;
  cpus: () => number;
  dockerRoot: () => string | null;
}

/** The engine-stats sampler for a host (with the host's own /proc when its engine runs here). */
export function engineStatsSamplerFor(host: HostFacts, opts: SamplerChoiceOptions): MetricsSampler {
  return new EngineStatsSampler({
    engine: host.engine,
    host: host.kind === 'socket' ? hostReader(host, opts) : null,
    cpus: host.cpus,
    concurrency: opts.concurrency,
  });
}

/** The sampler to start a host with, and why it is not the fast path when it is not. */
export function samplerForHost(
  host: HostFacts,
  opts: SamplerChoiceOptions,
): { sampler: MetricsSampler; reason: string | null } {
  const stats = (reason: string) => ({ sampler: engineStatsSamplerFor(host, opts), reason });
  if (host.kind !== 'socket')
    return stats("a remote engine: its host's files are out of reach, so its stats are asked");
  if (opts.mode === 'engine-stats') return stats('HM_METRICS_SAMPLER=engine-stats');
  try {
    return {
      sampler: new CgroupSampler({
        procRoot: opts.procRoot,
        cgroupRoot: opts.cgroupRoot,
        host: hostReader(host, opts),
        cpus: host.cpus,
      }),
      reason: null,
    };
  } catch (err) {
    if (opts.mode === 'cgroup') throw err;
    return stats(`${opts.cgroupRoot} cannot be read (${err instanceof Error ? err.message : String(err)})`);
  }
}

function hostReader(host: HostFacts, opts: SamplerChoiceOptions): HostReader {
  return new HostReader({ procRoot: opts.procRoot, dataDir: opts.dataDir, dockerRoot: host.dockerRoot });
}
