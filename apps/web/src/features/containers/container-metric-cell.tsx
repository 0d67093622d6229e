import type { ContainerSummary } from '@harbourmaster/contracts';
import { formatCores, formatMemory } from '../../lib/format-metrics.js';
import { useRowMetrics } from '../metrics/metrics-live.js';
import { Sparkline } from '../metrics/sparkline.js';

/** Containers the sampler reads: a paused one still holds its memory. */
export const isSampled = (c: Pick<ContainerSummary, 'state'>) =>
  c.state === 'running' || c.state === 'paused';

// Scale floors: a tenth of a core, 16 MiB; below them a sparkline stays a flat line near the bottom.
const FLOOR = { cpu: 0.1, memory: 16 * 1024 * 1024 };

/**
 * A row's live CPU (cores) or memory: the last minute as a sparkline and the latest number. Only
 * this cell re-renders when a sample arrives; a stopped container shows an em dash.
 */
export function ContainerMetricCell({ c, field }: { c: ContainerSummary; field: 'cpu' | 'memory' }) {
  const m = useRowMetrics(c.hostId, c.id);
  if (!isSampled(c))
    return (
      <span className="text-muted" title="Not running: nothing to sample">
        —
      </span>
    );
  // Until the next pass, the newest point of the last minute (sent on subscribing) stands in.
  const value = m?.latest?.[field] ?? m?.recent.at(-1)?.[field] ?? undefined;
  return (
    <span className="flex items-center gap-2" data-testid={`metric-${field}`}>
      <Sparkline points={m?.recent ?? []} field={field} floor={FLOOR[field]} />
      <span className="font-mono text-xs tabular-nums">
        {value === undefined ? (
          <span className="text-muted" title="Waiting for the first sample">
            …
          </span>
        ) : field === 'cpu' ? (
          formatCores(value)
        ) : (
          formatMemory(value)
        )}
      </span>
    </span>
  );
}
