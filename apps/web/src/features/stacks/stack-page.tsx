import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { StackAction, StackReply } from '@harbourmaster/contracts';
import { api, errorHint, errorText } from '../../lib/api.js';
import { Link, navigate } from '../../lib/router.js';
import { useCan } from '../../lib/session.js';
import { useLiveEvent } from '../../lib/use-live.js';
import { ErrorNote, Skeleton } from '../../components/feedback.js';
import { Tabs } from '../../components/tabs.js';
import { StackStatusBadge } from './stack-status-badge.js';
import { StackActions } from './stack-actions.js';
import { StackServices } from './stack-services.js';
import { StackLogsPanel } from './stack-logs-panel.js';
import { StackFilesForm } from './stack-files-form.js';
import { JobOutput } from './job-output.js';
import { isActive, useJob } from './use-job.js';

type Tab = 'services' | 'logs' | 'files';
const TABS: Tab[] = ['services', 'logs', 'files'];
const LABEL: Record<Tab, string> = { services: 'Services', logs: 'Logs', files: 'Files' };

/** A stack: its services, live merged logs, its files in the editor, and its operations as live jobs. */
export function StackPage({ host, name }: { host: string; name: string }) {
  const qc = useQueryClient();
  const canOperate = useCan('operator');
  const [tab, setTab] = useState<Tab>('services');
  const [logService, setLogService] = useState('');
  const [title, setTitle] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const key = ['stack', host, name];
  const { data, error, isPending, refetch } = useQuery({
    queryKey: key,
    queryFn: () => api.stack(host, name),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: ['stacks', host] });
  };
  const { job, track, clear } = useJob(() => refresh());
  useLiveEvent('containers', (e) => {
    if (e.hostId === host) void qc.invalidateQueries({ queryKey: key });
  });

  const run = async (label: string, start: () => Promise<{ jobId: string }>) => {
    try {
      clear(); // the last operation's output goes, so its outcome is never read as this one's
      setTitle(label);
      setActionError(null);
      await track((await start()).jobId);
    } catch (err) {
      setActionError(errorText(err));
    }
  };
  const onAction = (action: StackAction) =>
    void run(`${action} ${name}`, () => api.stackAction(host, name, action));
  const onServiceAction = (service: string, action: Exclude<StackAction, 'down'>) =>
    void run(`${action} ${service}`, () => api.serviceAction(host, name, service, action));
  const onDelete = async (volumes: boolean) => {
    try {
      await api.deleteStack(host, name, volumes);
      void qc.invalidateQueries({ queryKey: ['stacks', host] });
      navigate('/stacks');
    } catch (err) {
      setActionError(errorText(err));
    }
  };
  if (isPending) return <Skeleton rows={5} className="h-20" />;
  if (error || !data)
    return (
      <>
        <ErrorNote error={errorText(error)} hint={errorHint(error)} onRetry={() => void refetch()} />
        <Link to="/stacks" className="text-sm text-accent hover:underline">
          ← Back to stacks
        </Link>
      </>
    );
  const stack: StackReply = data;
  const declared = stack.declared;
  const busy = isActive(job);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link to="/stacks" className="hover:text-fg">
          Stacks
        </Link>
        <span aria-hidden> / </span>
        <span>{host}</span>
      </nav>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="truncate text-xl font-semibold tracking-tight">{stack.name}</h1>
            <span data-testid="stack-status">
              <StackStatusBadge status={stack.status} />
            </span>
          </div>
          <p className="mt-1 truncate font-mono text-xs text-muted">
            {stack.location ?? 'stacks directory'} · {stack.files.composeFile}
          </p>
        </div>
        {canOperate && (
          <StackActions
            name={stack.name}
            busy={busy}
            inPlace={stack.location !== null && stack.location !== undefined}
            onAction={onAction}
            onDelete={onDelete}
          />
        )}
      </div>
      {actionError && <ErrorNote error={actionError} />}
      {job && <JobOutput job={job} title={title} />}
      <Tabs tabs={TABS} tab={tab} labels={LABEL} label="Stack views" onSelect={setTab} />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'services' && (
          <StackServices
            host={host}
            stack={stack}
            declared={declared}
            canOperate={canOperate}
            busy={busy}
            onAction={onServiceAction}
            onLogs={(service) => {
              setLogService(service);
              setTab('logs');
            }}
          />
        )}
        {tab === 'logs' && (
          <StackLogsPanel
            host={host}
            name={stack.name}
            services={declared}
            service={logService}
            onService={setLogService}
            containers={stack.services.flatMap((s) => s.containers.map((c) => c.id))}
          />
        )}
        {tab === 'files' && (
          <StackFilesForm
            host={host}
            existing={stack.name}
            readOnly={!canOperate}
            initial={{ name: stack.name, compose: stack.files.compose, env: stack.files.env ?? '' }}
            onSaved={(saved) => {
              qc.setQueryData(['stack', host, saved.name], saved);
              void qc.invalidateQueries({ queryKey: ['stacks', host] });
              if (saved.name !== name)
                navigate(`/stacks/${encodeURIComponent(host)}/${encodeURIComponent(saved.name)}`, true);
            }}
          />
        )}
      </div>
    </>
  );
}
