import { useQuery, useQueryClient } from '@tanstack/react-query';
import { volumeCreateBodySchema } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { useCan } from '../../lib/session.js';
import { sortByName } from '../../lib/natural-sort.js';
import { useHost } from '../../components/host-select.js';
import { DataTable } from '../../components/data-table.js';
import { Button } from '../../components/button.js';
import { EmptyState, ErrorNote, PageHeader, Skeleton } from '../../components/feedback.js';
import { PruneButton } from './prune-button.js';
import { CreateForm } from './create-form.js';

export function VolumesPage() {
  const { host, picker } = useHost();
  const qc = useQueryClient();
  const canOperate = useCan('operator');
  const key = ['volumes', host];
  const { data, error, isPending } = useQuery({ queryKey: key, queryFn: () => api.volumes(host) });
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const remove = (name: string) =>
    api.removeVolume(host, name).then(refresh, (err: unknown) => alert(errorText(err)));

  return (
    <>
      <PageHeader title="Volumes">
        {picker}
        {canOperate && (
          <CreateForm
            label="volume"
            schema={volumeCreateBodySchema}
            onCreate={(b) => api.createVolume(host, b as { name: string }).then(refresh)}
          />
        )}
        {canOperate && <PruneButton host={host} kind="volumes" />}
      </PageHeader>
      {error && <ErrorNote error={errorText(error)} hint="Check that the host is reachable." />}
      {isPending && <Skeleton />}
      {data && data.volumes.length === 0 && (
        <EmptyState title="No volumes">Volumes that containers mount appear here.</EmptyState>
      )}
      {data && data.volumes.length > 0 && (
        <DataTable
          rows={sortByName(data.volumes, (v) => v.name)}
          rowKey={(v) => v.name}
          columns={[
            {
              label: 'Name',
              cell: (v) => (
                <span className="font-mono text-xs">
                  {v.anonymous ? `${v.name.slice(0, 12)}… (anonymous)` : v.name}
                </span>
              ),
            },
            { label: 'Driver', cell: (v) => v.driver, className: 'hidden md:table-cell' },
            {
              label: 'In use',
              cell: (v) =>
                v.inUse ? (
                  <span className="text-ok">in use</span>
                ) : (
                  <span className="text-muted">unused</span>
                ),
            },
            ...(canOperate
              ? [
                  {
                    label: '',
                    cell: (v: (typeof data.volumes)[number]) => (
                      <Button variant="ghost" onClick={() => void remove(v.name)}>
                        Remove
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}
