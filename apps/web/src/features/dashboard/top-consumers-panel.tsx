import type { ContainerMetricValues, ContainerSummary } from '@harbourmaster/contracts';
import { Link } from '../../lib/router.js';
import { formatCoresLong, formatMemory } from '../../lib/format-metrics.js';
import { Panel, Skeleton } from '../../components/feedback.js';
import { useLatestMetrics } from '../metrics/use-latest-metrics.js';
import { rowMetricsKey } from '../metrics/metrics-store.js';
import { topConsumers, type Consumer } from './top-consumers.js';

const REFRESH_MS = 5000;

/** The five containers using the most CPU and the five using the most memory, from each host's last pass. */
export function TopConsumersPanel({ rows }: { rows: ContainerSummary[] | undefined }) {
  const hosts = [...new Set((rows ?? []).map((c) => c.hostId))].sort();
  const latest = useLatestMetrics(hosts, true, REFRESH_MS);
  const of = (c: ContainerSummary) => latest.byRow.get(rowMetricsKey(c.hostId, c.id));
  const loading = !rows || (hosts.length > 0 && latest.pending);
  return (
    <Panel title="Top consumers">
      {loading ? (
        <Skeleton rows={3} />
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <Ranking title="CPU" list={topConsumers(rows, of, 'cpu')} show={(v) => formatCoresLong(v.cpu)} />
          <Ranking
            title="Memory"
            list={topConsumers(rows, of, 'memory')}
            show={(v) => formatMemory(v.memory)}
          />
        </div>
      )}
    </Panel>
  );
}

function Ranking({
  title,
  list,
  show,
}: {
  title: string;
  list: Consumer[];
  show: (v: ContainerMetricValues) => string;
}) {
  return (
    <div className="min-w-0">
      <h3 className="mb-1.5 text-xs font-medium tracking-wide text-muted uppercase">{title}</h3>
      {list.length === 0 ? (
        <p className="text-sm text-muted">No running container has been sampled yet.</p>
      ) : (
        <ol className="space-y-1" aria-label={`Top containers by ${title}`}>
          {list.map(({ c, values }) => (
            <li
              key={rowMetricsKey(c.hostId, c.id)}
              className="flex items-baseline justify-between gap-3 text-sm"
            >
              <Link
                to={`/containers/${encodeURIComponent(c.hostId)}/${encodeURIComponent(c.id)}`}
                className="min-w-0 truncate font-medium hover:text-accent"
              >
                {c.name}
              </Link>
              <span className="shrink-0 font-mono text-xs text-muted tabular-nums">{show(values)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
