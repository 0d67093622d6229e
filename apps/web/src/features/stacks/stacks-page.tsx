import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { StackListReply, StackSummary } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { Link, navigate } from '../../lib/router.js';
import { useCan } from '../../lib/session.js';
import { useLiveEvent } from '../../lib/use-live.js';
import { useHost } from '../../components/host-select.js';
import { DataTable } from '../../components/data-table.js';
import { Button } from '../../components/button.js';
import { EmptyState, ErrorNote, PageHeader, Skeleton } from '../../components/feedback.js';
import { StackStatusBadge } from './stack-status-badge.js';
import { AdoptDialog } from './adopt-dialog.js';

/** Which Compose the host runs, or why there is none. */
function ComposeNote({ compose }: { compose: StackListReply['compose'] }) {
  if (compose.kind === null)
    return (
      <ErrorNote
        error={`No Compose CLI: ${compose.reason ?? 'not found'}`}
        hint="Install the Docker Compose plugin or docker-compose; stacks can be read but not run until then."
      />
    );
  const label = compose.kind === 'plugin' ? 'docker compose' : 'docker-compose';
  return (
    <>
      Runs with <span className="font-mono text-fg">{label}</span> {compose.version}
    </>
  );
}

const serviceCount = (s: StackSummary) => {
  const running = s.services.flatMap((x) => x.containers).filter((c) => c.state === 'running').length;
  const total = s.services.flatMap((x) => x.containers).length;
  return total === 0 ? '—' : `${running}/${total} running`;
};

/** Every stack of the host: managed ones from the stacks directory, and projects started elsewhere. */
export function StacksPage() {
  const { host, picker } = useHost();
  const qc = useQueryClient();
  const canOperate = useCan('operator');
  const [adopting, setAdopting] = useState<StackSummary | null>(null);
  const { data, error, isPending, refetch } = useQuery({
    queryKey: ['stacks', host],
    queryFn: () => api.stacks(host),
  });
  useLiveEvent('containers', (e) => {
    if (e.hostId === host) void qc.invalidateQueries({ queryKey: ['stacks', host] });
  });

  const stacks = data?.stacks ?? [];
  return (
    <>
      <PageHeader title="Stacks" subtitle={data ? <ComposeNote compose={data.compose} /> : undefined}>
        {picker}
        {canOperate && (
          <Button variant="primary" onClick={() => navigate('/stacks/new')}>
            New stack
          </Button>
        )}
      </PageHeader>
      {error && <ErrorNote error={errorText(error)} onRetry={() => void refetch()} />}
      {isPending ? (
        <Skeleton rows={4} />
      ) : stacks.length === 0 ? (
        <EmptyState title="No stacks yet">
          A stack is a compose file in its own folder. Create one, paste a{' '}
          <span className="font-mono">docker run</span> command to convert, or start a project with Compose by
          hand and adopt it here.
        </EmptyState>
      ) : (
        <DataTable
          rows={stacks}
          rowKey={(s) => s.name}
          columns={[
            {
              label: 'Name',
              cell: (s) =>
                s.managed ? (
                  <Link
                    to={`/stacks/${encodeURIComponent(host)}/${encodeURIComponent(s.name)}`}
                    className="font-medium text-fg hover:text-accent hover:underline"
                  >
                    {s.name}
                  </Link>
                ) : (
                  <span className="font-medium">{s.name}</span>
                ),
            },
            { label: 'Status', cell: (s) => <StackStatusBadge status={s.status} /> },
            { label: 'Containers', cell: serviceCount, className: 'text-muted' },
            {
              label: 'Services',
              cell: (s) => s.services.map((x) => x.name).join(', ') || '—',
              className: 'max-w-64 truncate text-muted',
            },
            {
              label: 'Files',
              cell: (s) =>
                s.managed ? (
                  <span className="font-mono text-xs text-muted">{s.location ?? 'stacks directory'}</span>
                ) : (
                  <span className="text-xs text-muted">
                    not managed · <span className="font-mono">{s.workingDir ?? '?'}</span>
                  </span>
                ),
              className: 'max-w-72 truncate',
            },
            {
              label: 'Actions',
              className: 'text-right',
              cell: (s) =>
                !s.managed && canOperate ? (
                  <Button onClick={() => setAdopting(s)} aria-label={`Adopt ${s.name}`}>
                    Adopt
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      <AdoptDialog
        host={host}
        stack={adopting}
        onClose={() => setAdopting(null)}
        onAdopted={(name) => {
          setAdopting(null);
          void qc.invalidateQueries({ queryKey: ['stacks', host] });
          navigate(`/stacks/${encodeURIComponent(host)}/${encodeURIComponent(name)}`);
        }}
      />
    </>
  );
}
