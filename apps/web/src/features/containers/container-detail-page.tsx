import { ContainerIcon } from '../../components/container-icon.js';
import { IconEditor } from './icon-editor.js';
import { lazy, Suspense, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorHint, errorText } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { useCan } from '../../lib/session.js';
import { useLiveEvent } from '../../lib/use-live.js';
import { StateBadge } from '../../components/state-badge.js';
import { ErrorNote, Skeleton } from '../../components/feedback.js';
import { Tabs } from '../../components/tabs.js';
import { ContainerActions } from './container-actions.js';
import { OverviewPanel } from './overview-panel.js';
import { LogsPanel } from './logs-panel.js';
import { InspectPanel } from './inspect-panel.js';

// xterm.js is the heaviest part of the panel; it loads only when someone opens the terminal.
const TerminalPanel = lazy(() => import('./terminal-panel.js'));
// uPlot and the charts load when someone opens the metrics, as the terminal does.
const ContainerMetricsPanel = lazy(() => import('../metrics/container-metrics-panel.js'));
type Tab = 'overview' | 'metrics' | 'logs' | 'terminal' | 'inspect';
const LABEL: Record<Tab, string> = {
  overview: 'Overview',
  metrics: 'Metrics',
  logs: 'Logs',
  terminal: 'Terminal',
  inspect: 'Inspect',
};

/** One container: overview, live logs, a terminal, the inspect document, and its actions. */
export function ContainerDetailPage({ host, id }: { host: string; id: string }) {
  const qc = useQueryClient();
  const canOperate = useCan('operator');
  const [tab, setTab] = useState<Tab>('overview');
  const [reveal, setReveal] = useState(false);
  const key = ['container', host, id];
  const { data, error, isPending, refetch } = useQuery({
    queryKey: key,
    queryFn: () => api.container(host, id),
  });
  const inspect = data?.inspect;

  useLiveEvent('containers', (e) => {
    if (e.hostId === host && (e.containerId === id || e.containerId === inspect?.Id || e.name === id))
      void qc.invalidateQueries({ queryKey: ['container', host, id] });
  });

  if (isPending) return <Skeleton rows={6} className="h-24" />;
  if (error || !inspect)
    return (
      <>
        <ErrorNote error={errorText(error)} hint={errorHint(error)} onRetry={() => void refetch()} />
        <Link to="/containers" className="text-sm text-accent hover:underline">
          ← Back to containers
        </Link>
      </>
    );
  const name = inspect.Name.replace(/^\//, '');
  const health = inspect.State.Health;
  const state =
    health && inspect.State.Running && health.Status !== 'none' ? health.Status : inspect.State.Status;
  const reason =
    health?.Status === 'unhealthy' ? health.Log?.at(-1)?.Output.trim() : inspect.State.Error || undefined;
  const tabs: Tab[] = canOperate
    ? ['overview', 'metrics', 'logs', 'terminal', 'inspect']
    : ['overview', 'metrics', 'logs', 'inspect'];

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link to="/containers" className="hover:text-fg">
          Containers
        </Link>
        <span aria-hidden> / </span>
        <Link to={`/hosts/${encodeURIComponent(host)}`} className="hover:text-fg">
          {host}
        </Link>
      </nav>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <ContainerIcon name={name} icon={data.icon} size={28} />
            <h1 className="truncate text-xl font-semibold tracking-tight">{name}</h1>
            <StateBadge state={state} reason={reason} />
          </div>
          <p className="mt-1 truncate font-mono text-xs text-muted">
            {inspect.Config.Image} · {inspect.Id.slice(0, 12)}
          </p>
          {reason && (
            <p className="mt-2 max-w-2xl text-sm text-bad">
              {health?.Status === 'unhealthy' ? 'Health check failing: ' : ''}
              {reason}
            </p>
          )}
        </div>
        {canOperate && (
          <div className="flex flex-wrap items-center gap-2">
            <ContainerActions host={host} id={id} name={name} state={inspect.State.Status} />
            <Link
              to={`/stacks/new?from=${encodeURIComponent(host)}/${encodeURIComponent(inspect.Id)}`}
              className="inline-flex h-8 items-center rounded-md border border-line bg-surface-2 px-3 text-[13px] font-medium hover:bg-line/70"
            >
              Save as stack
            </Link>
          </div>
        )}
      </div>
      <Tabs tabs={tabs} tab={tab} labels={LABEL} label="Container views" onSelect={setTab} />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'overview' && (
          <OverviewPanel
            inspect={inspect}
            tags={data.tags}
            imageDigests={data.imageDigests}
            reveal={reveal}
            onReveal={canOperate ? () => setReveal(!reveal) : null}
          />
        )}
        {tab === 'overview' && canOperate && <IconEditor host={host} id={id} name={name} icon={data.icon} />}
        {tab === 'metrics' && (
          <Suspense fallback={<Skeleton rows={2} className="h-48" />}>
            <ContainerMetricsPanel host={host} id={inspect.Id} running={inspect.State.Running} />
          </Suspense>
        )}
        {tab === 'logs' && <LogsPanel host={host} id={id} name={name} running={inspect.State.Running} />}
        {tab === 'terminal' && (
          <Suspense fallback={<Skeleton rows={3} />}>
            <TerminalPanel host={host} id={id} running={inspect.State.Running} />
          </Suspense>
        )}
        {tab === 'inspect' && <InspectPanel inspect={inspect} reveal={reveal} />}
      </div>
    </>
  );
}
