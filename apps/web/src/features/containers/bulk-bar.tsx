import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { CONTAINERS_KEY } from './use-containers.js';

type Action = 'start' | 'stop' | 'restart' | 'remove';
export type Target = { host: string; id: string; name: string };

/** Bulk actions on the selected containers; each target's own result is shown. */
export function BulkBar({ targets, onDone }: { targets: Target[]; onDone: () => void }) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState<Action | null>(null);
  const [confirm, setConfirm] = useState<Action | null>(null);
  const [report, setReport] = useState<string[]>([]);

  const run = async (action: Action) => {
    setConfirm(null);
    setBusy(action);
    try {
      const { results } = await api.bulk({
        action,
        targets: targets.map(({ host, id }) => ({ host, id })),
        force: action === 'remove',
      });
      const failed = results.filter((r) => !r.ok);
      const name = (id: string) => targets.find((t) => t.id === id)?.name ?? id.slice(0, 12);
      setReport(failed.map((r) => `${name(r.id)}: ${r.error ?? 'failed'}`));
      if (failed.length === 0) onDone();
    } catch (err) {
      setReport([errorText(err)]);
    } finally {
      setBusy(null);
      void qc.invalidateQueries({ queryKey: CONTAINERS_KEY });
    }
  };

  return (
    <div className="mb-3 rounded-lg border border-accent/40 bg-accent/5 px-3 py-2">
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-2 text-sm font-medium">{targets.length} selected</span>
        <Button busy={busy === 'start'} onClick={() => void run('start')}>
          Start
        </Button>
        <Button busy={busy === 'stop'} onClick={() => setConfirm('stop')}>
          Stop
        </Button>
        <Button busy={busy === 'restart'} onClick={() => void run('restart')}>
          Restart
        </Button>
        <Button variant="danger" busy={busy === 'remove'} onClick={() => setConfirm('remove')}>
          Remove
        </Button>
      </div>
      {report.length > 0 && (
        <ul role="alert" className="mt-2 space-y-0.5 text-xs text-bad">
          {report.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm === 'remove' ? `Remove ${targets.length} containers?` : `Stop ${targets.length} containers?`
        }
        confirmLabel={confirm === 'remove' ? 'Remove' : 'Stop'}
        onConfirm={() => confirm && void run(confirm)}
        onClose={() => setConfirm(null)}
      >
        {confirm === 'remove'
          ? 'Running ones are stopped first. Their anonymous volumes stay.'
          : 'Their processes get SIGTERM, then SIGKILL after 10 s.'}
        <span className="mt-2 block font-mono text-xs">{targets.map((t) => t.name).join(', ')}</span>
      </ConfirmDialog>
    </div>
  );
}
