import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';

type Outcome = Awaited<ReturnType<typeof api.prune>>;

const EMPTY_NOTE = {
  images: 'Every image is tagged or in use (only untagged images are pruned).',
  networks: 'Every network is in use.',
  volumes: 'Every volume is in use or named (only anonymous volumes are pruned).',
};

/** Prune with a preview: the dialog lists exactly what would go before anything is removed. */
export function PruneButton({ host, kind }: { host: string; kind: 'images' | 'networks' | 'volumes' }) {
  const qc = useQueryClient();
  const [preview, setPreview] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const open = async () => {
    setBusy(true);
    try {
      setPreview(await api.prune(host, kind, true));
    } catch (err) {
      setNote(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const prune = async () => {
    setBusy(true);
    try {
      const done = await api.prune(host, kind, false);
      setNote(
        `Removed ${done.removed.length}${done.errors.length ? `; ${done.errors.length} could not go: ${done.errors.map((e) => `${e.name} (${e.message})`).join(', ')}` : ''}`,
      );
      await qc.invalidateQueries({ queryKey: [kind, host] });
    } catch (err) {
      setNote(errorText(err));
    } finally {
      setBusy(false);
      setPreview(null);
    }
  };

  return (
    <>
      <Button busy={busy && !preview} onClick={() => void open()}>
        Prune unused…
      </Button>
      {note && (
        <span role="status" className="text-xs text-muted">
          {note}
        </span>
      )}
      <ConfirmDialog
        open={preview !== null}
        title={preview?.items.length ? `Remove ${preview.items.length} unused ${kind}?` : `No unused ${kind}`}
        confirmLabel="Prune"
        busy={busy}
        onConfirm={() => (preview?.items.length ? void prune() : setPreview(null))}
        onClose={() => setPreview(null)}
      >
        {preview?.items.length ? (
          <ul className="max-h-48 overflow-auto font-mono text-xs" data-testid="prune-preview">
            {preview.items.map((i) => (
              <li key={i.id}>{i.name}</li>
            ))}
          </ul>
        ) : (
          EMPTY_NOTE[kind]
        )}
      </ConfirmDialog>
    </>
  );
}
