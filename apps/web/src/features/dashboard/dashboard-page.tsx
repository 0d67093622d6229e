import type { ContainerSummary } from '@harbourmaster/contracts';
import { Link } from '../../lib/router.js';
import { errorHint, errorText } from '../../lib/api.js';
import { useContainers } from '../containers/use-containers.js';
import {
  StateBadge,
  containerBadgeState,
  containerTone,
  needsAttention,
} from '../../components/state-badge.js';
import { ErrorNote, PageHeader, Panel, Skeleton } from '../../components/feedback.js';
import { HostsPanel } from './hosts-panel.js';
import { ActivityPanel } from './activity-panel.js';
import { TopConsumersPanel } from './top-consumers-panel.js';

const STATS: Array<{ label: string; state: string; tone: string; test: (c: ContainerSummary) => boolean }> = [
  { label: 'Running', state: 'running', tone: 'text-ok', test: (c) => c.state === 'running' },
  {
    label: 'Stopped',
    state: 'exited',
    tone: 'text-fg',
    test: (c) => c.state === 'exited' || c.state === 'created',
  },
  { label: 'Unhealthy', state: 'unhealthy', tone: 'text-bad', test: (c) => c.health === 'unhealthy' },
  { label: 'Restarting', state: 'restarting', tone: 'text-warn', test: (c) => c.state === 'restarting' },
];

/** Trouble first: containers that are unhealthy, restarting, dead or exited with an error. */
function AttentionPanel({ rows }: { rows: ContainerSummary[] | undefined }) {
  const attention = rows?.filter(needsAttention) ?? [];
  return (
    <Panel
      title={
        <span className="flex items-center gap-2">
          Needs attention
          {attention.length > 0 && (
            <span className="rounded-full bg-bad/10 px-1.5 text-[11px] font-medium text-bad">
              {attention.length}
            </span>
          )}
        </span>
      }
      actions={
        attention.length > 0 ? (
          <Link to="/containers?state=attention" className="text-xs text-accent hover:underline">
            Show in table
          </Link>
        ) : null
      }
    >
      {!rows ? (
        <Skeleton rows={3} />
      ) : attention.length === 0 ? (
        <p className="text-sm text-muted">
          Nothing needs attention: every container is running or ended cleanly.
        </p>
      ) : (
        <ul className="divide-y divide-line">
          {attention.slice(0, 8).map((c) => (
            <li
              key={`${c.hostId}/${c.id}`}
              className="flex items-center justify-between gap-3 py-2 first:pt-0 last:pb-0"
            >
              <div className="min-w-0">
                <Link
                  to={`/containers/${encodeURIComponent(c.hostId)}/${encodeURIComponent(c.id)}`}
                  className="block truncate font-medium hover:text-accent"
                >
                  {c.name}
                </Link>
                <p className="truncate text-xs text-muted">
                  {c.status} · {c.hostId}
                </p>
              </div>
              <StateBadge state={containerBadgeState(c)} tone={containerTone(c)} reason={c.status} />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** Hosts, container counts, what needs attention first, and the latest events. */
export function DashboardPage() {
  const { data, error, refetch } = useContainers();
  const all = data?.containers;
  return (
    <>
      <PageHeader title="Dashboard" />
      {error && <ErrorNote error={errorText(error)} hint={errorHint(error)} onRetry={() => void refetch()} />}
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {STATS.map((s) => (
          <Link
            key={s.label}
            to={`/containers?state=${s.state}`}
            className="group rounded-xl border border-line bg-surface p-4 transition-colors hover:border-accent/50"
          >
            <p className="text-xs font-medium tracking-wide text-muted uppercase group-hover:text-fg">
              {s.label}
            </p>
            {all ? (
              <p className={`mt-1 text-3xl font-semibold tabular-nums ${s.tone}`}>
                {all.filter(s.test).length}
              </p>
            ) : (
              <span className="mt-2 block h-8 w-12 animate-pulse rounded bg-surface-2" aria-label="Loading" />
            )}
          </Link>
        ))}
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <AttentionPanel rows={all} />
        <HostsPanel />
        <div className="min-w-0 lg:col-span-2">
          <TopConsumersPanel rows={all} />
        </div>
        <div className="min-w-0 lg:col-span-2">
          <ActivityPanel />
        </div>
      </div>
    </>
  );
}
