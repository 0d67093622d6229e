import type { MetricsSnapshot, SamplerInfo } from '@harbourmaster/contracts';
import type { Logger } from '../../config/logger.js';
import type { MetricsSampler, SampleTarget } from '../../adapters/metrics/metrics-sampler.js';
import { CgroupSampler } from '../../adapters/metrics/cgroup-sampler.js';
import {
  engineStatsSamplerFor,
  samplerForHost,
  type HostFacts,
  type SamplerChoiceOptions,
} from '../../adapters/metrics/sampler-for-host.js';
import { snapshotValues, type SnapshotValues } from './metric-rates.js';

/** One finished pass: the readings, and the values since the pass before (none on the first). */
export interface SamplingPass {
  hostId: string;
  snapshot: MetricsSnapshot;
  values: SnapshotValues | null;
}

/** Counters of how well sampling keeps up, for the daemon's own metrics and the benchmark. */
export interface SamplingStats {
  passes: number;
  /** Ticks that found the previous pass still running. */
  skippedPasses: number;
  /** Containers that were running at two passes in a row, summed over passes… */
  expected: number;
  /** …and of those, how many got values. The difference is the gaps. */
  sampled: number;
  /** Seconds spent in passes. */
  busySeconds: number;
}

/**
 * Sampling of one host: which sampler (the cgroup files, or the engine's stats when those cannot
 * be read, decided at the first container and said why), one pass at a time, and the values
 * between consecutive passes.
 */
export class HostSampling {
  #sampler: MetricsSampler | null = null;
  #reason: string | null = null;
  #decided = false;
  #prev: MetricsSnapshot | null = null;
  readonly stats: SamplingStats = { passes: 0, skippedPasses: 0, expected: 0, sampled: 0, busySeconds: 0 };

  constructor(
    readonly hostId: string,
    private readonly facts: HostFacts,
    private readonly choice: SamplerChoiceOptions,
    private readonly log: Logger,
  ) {}

  get info(): Omit<SamplerInfo, 'intervalSeconds'> {
    return { path: this.#sampler?.path ?? null, reason: this.#reason };
  }

  get last(): MetricsSnapshot | null {
    return this.#prev;
  }

  /** Takes one pass; the caller runs one at a time per host (and counts the ticks it skips). */
  async pass(targets: readonly SampleTarget[]): Promise<SamplingPass> {
    const began = performance.now();
    try {
      const sampler = this.sampler(targets);
      const snapshot = await sampler.read(targets);
      const values = this.#prev ? snapshotValues(this.#prev, snapshot) : null;
      if (this.#prev) {
        const before = new Set(this.#prev.containers.map((c) => c.id));
        this.stats.expected += targets.filter((t) => before.has(t.id)).length;
        this.stats.sampled += values?.containers.size ?? 0;
      }
      this.stats.passes++;
      this.#prev = snapshot;
      return { hostId: this.hostId, snapshot, values };
    } finally {
      this.stats.busySeconds += (performance.now() - began) / 1000;
    }
  }

  /** Forgets the last pass (the host went away): rates start again from the next two passes. */
  reset(): void {
    this.#prev = null;
  }

  close(): void {
    this.#sampler?.close();
    this.#sampler = null;
  }

  private sampler(targets: readonly SampleTarget[]): MetricsSampler {
    if (!this.#sampler) {
      const chosen = samplerForHost(this.facts, this.choice);
      this.#sampler = chosen.sampler;
      this.#reason = chosen.reason;
    }
    // In auto mode the fast path proves itself on the first container: a daemon in a container
    // without the host's /proc cannot see the engine's processes.
    if (!this.#decided && this.#sampler instanceof CgroupSampler && targets[0]) {
      this.#decided = true;
      const problem = this.#sampler.probe(targets[0]);
      if (problem && this.choice.mode === 'auto') {
        this.#sampler.close();
        this.#sampler = engineStatsSamplerFor(this.facts, this.choice);
        this.#reason = `the cgroup files of the engine's containers cannot be read (${problem}): the engine's stats are asked instead`;
        this.log.warn({ host: this.hostId, reason: this.#reason }, 'metrics: using the fallback sampler');
      }
    }
    return this.#sampler;
  }
}
