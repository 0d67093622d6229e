import type { SamplerInfo } from '@harbourmaster/contracts';

/** How a host's samples are taken, in a sentence: the fast path, or the fallback and why. */
export function samplerText(s: SamplerInfo): string {
  const every = `every ${s.intervalSeconds} s`;
  switch (s.path) {
    case 'cgroup':
      return `Sampled ${every} from the kernel's cgroup files (fast path).`;
    case 'engine-stats':
      return `Sampled ${every} through the engine's stats API (fallback${s.reason ? `: ${s.reason}` : ''}).`;
    case null:
      return `Not sampled yet${s.reason ? `: ${s.reason}` : ' (the first pass is still to come)'}.`;
  }
}
