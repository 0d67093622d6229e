import { useQuery, useQueryClient } from '@tanstack/react-query';
import { networkCreateBodySchema } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { useCan } from '../../lib/session.js';
import { sortByName } from '../../lib/natural-sort.js';
import { useHost } from '../../components/host-select.js';
import { DataTable } from '../../components/data-table.js';
import { Button } from '../../components/button.js';
import { EmptyState, ErrorNote, PageHeader, Skeleton } from '../../components/feedback.js';
import { PruneButton } from './prune-button.js';
import { CreateForm } from './create-form.js';

export function NetworksPage() {
  const { host, picker } = useHost();
  const qc = useQueryClient();
  const canOperate = useCan('operator');
  const key = ['networks', host];
  const { data, error, isPending } = useQuery({ queryKey: key, queryFn: () => api.networks(host) });
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const remove = (id: string) =>
    api.removeNetwork(host, id).then(refresh, (err: unknown) => alert(errorText(err)));

  return (
    <>
      <PageHeader title="Networks">
        {picker}
        {canOperate && (
          <CreateForm
            label="network"
            schema={networkCreateBodySchema}
            onCreate={(b) => api.createNetwork(host, b as { name: string }).then(refresh)}
          />
        )}
        {canOperate && <PruneButton host={host} kind="networks" />}
      </PageHeader>
      {error && <ErrorNote error={errorText(error)} hint="Check that the host is reachable." />}
      {isPending && <Skeleton />}
      {data && data.networks.length === 0 && <EmptyState title="No networks" />}
      {data && data.networks.length > 0 && (
        <DataTable
          rows={sortByName(data.networks, (n) => n.name)}
          rowKey={(n) => n.id}
          columns={[
            { label: 'Name', cell: (n) => <span className="font-medium">{n.name}</span> },
            { label: 'Driver', cell: (n) => n.driver },
            {
              label: 'Subnets',
              cell: (n) => <span className="font-mono text-xs">{n.subnets.join(', ') || '—'}</span>,
              className: 'hidden md:table-cell',
            },
            { label: 'Containers', cell: (n) => n.containers },
            ...(canOperate
              ? [
                  {
                    label: '',
                    cell: (n: (typeof data.networks)[number]) =>
                      n.builtIn ? (
                        <span className="text-xs text-muted">built in</span>
                      ) : (
                        <Button variant="ghost" onClick={() => void remove(n.id)}>
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
