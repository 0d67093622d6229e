import { lazy, Suspense, useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContainerInspect } from '@harbourmaster/engine/types';
import { api, errorText, live } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { useCan } from '../../lib/session.js';
import { StateBadge } from '../../components/state-badge.js';
import { ErrorNote, Skeleton } from '../../components/feedback.js';
import { ContainerActions } from './container-actions.js';
import { OverviewPanel } from './overview-panel.js';
import { LogsPanel } from './logs-panel.js';

const TerminalPanel = lazy(() => import('./terminal-panel.js'));
type Tab = 'overview' | 'logs' | 'terminal' | 'inspect';

export function ContainerDetailPage({ host, id }: { host: string; id: string }) {
  const qc = useQueryClient();
  const canOperate = useCan('operator');
  const [tab, setTab] = useState<Tab>('overview');
  const key = ['container', host, id];
  const { data, error, isPending } = useQuery({ queryKey: key, queryFn: () => api.container(host, id) });
  const inspect = data?.inspect as ContainerInspect | undefined;

  useEffect(() => {
    live.subscribe(['containers']);
    return live.on((msg) => {
      if (
        msg.type === 'event' &&
        msg.topic === 'containers' &&
        msg.data.hostId === host &&
        (msg.data.containerId === id || msg.data.containerId === inspect?.Id)
      ) {
        void qc.invalidateQueries({ queryKey: ['container', host, id] });
      }
    });
  }, [qc, host, id, inspect?.Id]);

  if (isPending) return <Skeleton rows={6} />;
  if (error || !inspect)
    return (
      <ErrorNote error={errorText(error)} hint="The container may have been removed. Go back to the list." />
    );
  const name = inspect.Name.replace(/^\//, '');
  const state =
    inspect.State.Health && inspect.State.Running ? inspect.State.Health.Status : inspect.State.Status;
  const tabs: Tab[] = canOperate
    ? ['overview', 'logs', 'terminal', 'inspect']
    : ['overview', 'logs', 'inspect'];

  return (
    <>
      <p className="mb-2 text-sm text-muted">
        <Link to="/containers" className="hover:text-fg">
          Containers
        </Link>{' '}
        / {host}
      </p>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h1 className="text-xl font-semibold tracking-tight">{name}</h1>
          <StateBadge
            state={state}
            reason={inspect.State.Health?.Log?.at(-1)?.Output ?? inspect.State.Error}
          />
        </div>
        {canOperate && <ContainerActions host={host} id={id} name={name} state={inspect.State.Status} />}
      </div>
      <div role="tablist" className="mb-4 flex gap-1 border-b border-line">
        {tabs.map((t) => (
          <button
            key={t}
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm capitalize ${tab === t ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg'}`}
          >
            {t}
          </button>
        ))}
      </div>
      {tab === 'overview' && <OverviewPanel inspect={inspect} />}
      {tab === 'logs' && <LogsPanel host={host} id={id} name={name} />}
      {tab === 'terminal' && (
        <Suspense fallback={<Skeleton rows={3} />}>
          <TerminalPanel host={host} id={id} />
        </Suspense>
      )}
      {tab === 'inspect' && (
        <pre className="overflow-auto rounded-xl border border-line bg-surface p-4 font-mono text-xs">
          {JSON.stringify(inspect, null, 2)}
        </pre>
      )}
    </>
  );
}
