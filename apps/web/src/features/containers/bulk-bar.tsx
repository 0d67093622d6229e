import { LifecycleButtons } from '../../components/lifecycle-buttons.js';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { Icon } from '../../components/icon.js';
import { CONTAINERS_KEY } from './use-containers.js';

type Action = 'start' | 'stop' | 'restart' | 'remove';
export type Target = { host: string; id: string; name: string };
type Outcome = { name: string; ok: boolean; error?: string | undefined };

const ASK: ReadonlySet<Action> = new Set(['stop', 'remove']);
const DONE: Record<Action, string> = {
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  remove: 'removed',
};

/**
 * Bulk actions on the selected containers. Each target's own result is listed; those that failed
 * stay selected so the person can try them again.
 */
export function BulkBar({
  targets,
  hidden = 0,
  onDone,
  onClear,
}: {
  targets: Target[];
  /** How many of the targets the current filters hide, so nobody acts on rows they cannot see unawares. */
  hidden?: number;
  /** Called with the keys (`host/id`) that succeeded. */
  onDone: (succeeded: string[]) => void;
  onClear: () => void;
}) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState<Action | null>(null);
  const [confirm, setConfirm] = useState<Action | null>(null);
  const [report, setReport] = useState<{ action: Action; outcomes: Outcome[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (action: Action) => {
    setConfirm(null);
    setBusy(action);
    setFailure(null);
    setReport(null);
    try {
      const { results } = await api.bulk({
        action,
        targets: targets.map(({ host, id }) => ({ host, id })),
        force: action === 'remove',
      });
      const nameOf = (host: string, id: string) =>
        targets.find((t) => t.host === host && t.id === id)?.name ?? id.slice(0, 12);
      setReport({
        action,
        outcomes: results.map((r) => ({ name: nameOf(r.host, r.id), ok: r.ok, error: r.error })),
      });
      onDone(results.filter((r) => r.ok).map((r) => `${r.host}/${r.id}`));
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(null);
      void qc.invalidateQueries({ queryKey: CONTAINERS_KEY });
    }
  };
  const ask = (a: Action) => (ASK.has(a) ? setConfirm(a) : void run(a));
  const failed = report?.outcomes.filter((o) => !o.ok) ?? [];

  return (
    <div className="mb-3 rounded-lg border border-accent/40 bg-accent/5 px-3 py-2" aria-live="polite">
      {targets.length > 0 && (
        <div className="flex flex-wrap items-center gap-2">
          <span className="mr-1 text-sm font-medium">
            {targets.length} selected
            {hidden > 0 && <span className="font-normal text-muted"> ({hidden} hidden by the filters)</span>}
          </span>
          <LifecycleButtons actions={['start', 'stop', 'restart'] as const} busy={busy} onAct={ask} />
          <Button variant="ghost" onClick={onClear} disabled={busy !== null}>
            Clear selection
          </Button>
        </div>
      )}
      {failure && (
        <p role="alert" className="mt-2 text-sm text-bad">
          {failure} — nothing was changed; try again.
        </p>
      )}
      {report && (
        <div className="mt-2 text-sm">
          <p className="flex items-center gap-1.5">
            <Icon
              name={failed.length ? 'alert' : 'check'}
              className={failed.length ? 'text-bad' : 'text-ok'}
            />
            {report.outcomes.length - failed.length} of {report.outcomes.length} {DONE[report.action]}
            {failed.length > 0 && ' — the ones that failed stay selected'}
            <button
              className="ml-auto text-xs text-muted hover:text-fg"
              onClick={() => {
                setReport(null);
                if (targets.length === 0) onClear();
              }}
            >
              Dismiss
            </button>
          </p>
          <ul className="mt-1 max-h-40 space-y-0.5 overflow-auto font-mono text-xs">
            {report.outcomes.map((o) => (
              <li key={o.name} className={o.ok ? 'text-muted' : 'text-bad'}>
                {o.ok ? '✓' : '✗'} {o.name}
                {o.error && ` — ${o.error}`}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={`${confirm === 'remove' ? 'Remove' : 'Stop'} ${targets.length} container${targets.length === 1 ? '' : 's'}?`}
        confirmLabel={confirm === 'remove' ? 'Remove' : 'Stop'}
        onConfirm={() => confirm && void run(confirm)}
        onClose={() => setConfirm(null)}
      >
        {confirm === 'remove'
          ? 'Running ones are stopped first. Named volumes stay; anonymous ones stay too.'
          : 'Their processes get SIGTERM, then SIGKILL after the stop timeout.'}
        <span className="mt-2 block max-h-32 overflow-auto font-mono text-xs">
          {targets.map((t) => t.name).join(', ')}
        </span>
      </ConfirmDialog>
    </div>
  );
}
