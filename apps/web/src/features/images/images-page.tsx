import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../../lib/api.js';
import { useCan } from '../../lib/session.js';
import { compareNames } from '../../lib/natural-sort.js';
import { useHost } from '../../components/host-select.js';
import { DataTable, formatBytes } from '../../components/data-table.js';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { EmptyState, ErrorNote, PageHeader, Skeleton } from '../../components/feedback.js';
import { PullForm } from './pull-form.js';
import { PruneButton } from '../resources/prune-button.js';

type Image = Awaited<ReturnType<typeof api.images>>['images'][number];

/** Tagged images in natural order of their first tag; untagged ones (build leftovers) last. */
const byTag = (a: Image, b: Image) =>
  !a.tags[0] || !b.tags[0] ? Number(!a.tags[0]) - Number(!b.tags[0]) : compareNames(a.tags[0], b.tags[0]);

export function ImagesPage() {
  const { host, picker } = useHost();
  const qc = useQueryClient();
  const canOperate = useCan('operator');
  const { data, error, isPending } = useQuery({
    queryKey: ['images', host],
    queryFn: () => api.images(host),
  });
  const [removing, setRemoving] = useState<Image | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    try {
      await api.removeImage(host, removing.id);
      setActionError(null);
      await qc.invalidateQueries({ queryKey: ['images', host] });
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  };

  return (
    <>
      <PageHeader title="Images">
        {picker}
        {canOperate && <PruneButton host={host} kind="images" />}
      </PageHeader>
      {canOperate && <PullForm host={host} />}
      {actionError && (
        <ErrorNote
          error={actionError}
          hint="An image used by a container can only go once the container is removed."
        />
      )}
      {error && <ErrorNote error={errorText(error)} hint="Check that the host is reachable." />}
      {isPending && <Skeleton />}
      {data && data.images.length === 0 && (
        <EmptyState title="No images on this host">Pull one above.</EmptyState>
      )}
      {data && data.images.length > 0 && (
        <DataTable
          rows={[...data.images].sort(byTag)}
          rowKey={(i) => i.id}
          columns={[
            {
              label: 'Tags',
              cell: (i) => <span className="font-mono text-xs">{i.tags.join(', ') || '<untagged>'}</span>,
            },
            {
              label: 'ID',
              cell: (i) => (
                <span className="font-mono text-xs text-muted">
                  {i.id.replace('sha256:', '').slice(0, 12)}
                </span>
              ),
              className: 'hidden md:table-cell',
            },
            {
              label: 'Digest',
              cell: (i) => (
                <span className="font-mono text-xs text-muted">
                  {i.digests[0]?.split('@')[1]?.slice(0, 19) ?? '—'}
                </span>
              ),
              className: 'hidden lg:table-cell',
            },
            { label: 'Size', cell: (i) => formatBytes(i.size) },
            {
              label: 'In use',
              cell: (i) =>
                i.inUse ? (
                  <span className="text-ok">in use</span>
                ) : (
                  <span className="text-muted">unused</span>
                ),
            },
            ...(canOperate
              ? [
                  {
                    label: '',
                    cell: (i: Image) => (
                      <Button
                        variant="ghost"
                        onClick={() => setRemoving(i)}
                        aria-label={`Remove ${i.tags[0] ?? i.id}`}
                      >
                        Remove
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title="Remove this image?"
        confirmLabel="Remove"
        busy={busy}
        onConfirm={() => void remove()}
        onClose={() => setRemoving(null)}
      >
        <span className="font-mono">{removing?.tags.join(', ') || removing?.id}</span>
      </ConfirmDialog>
    </>
  );
}
