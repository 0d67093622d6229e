import { LifecycleButtons } from '../../components/lifecycle-buttons.js';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ContainerAction } from '@harbourmaster/contracts';
import { api, errorHint, errorText } from '../../lib/api.js';
import { navigate } from '../../lib/router.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';

type Act = ContainerAction | 'remove';

const WARNING: Partial<Record<Act, string>> = {
  stop: 'The process gets SIGTERM, then SIGKILL if it has not ended after the stop timeout (10 s by default).',
  kill: 'The process gets SIGKILL at once, with no chance to finish writes or clean up.',
  remove: 'The container is stopped if it runs, then removed with its writable layer. Named volumes stay.',
};

/** Which lifecycle buttons make sense in a state (besides Remove, which always does). */
function actionsFor(state: string): ContainerAction[] {
  if (state === 'paused') return ['unpause', 'stop'];
  if (state === 'running' || state === 'restarting') return ['restart', 'pause', 'stop', 'kill'];
  return ['start'];
}

/** Lifecycle buttons for one container; stop, kill and remove ask first. */
export function ContainerActions({
  host,
  id,
  name,
  state,
}: {
  host: string;
  id: string;
  name: string;
  state: string;
}) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState<Act | null>(null);
  const [confirm, setConfirm] = useState<Act | null>(null);
  const [error, setError] = useState<{ text: string; hint?: string | undefined } | null>(null);

  const run = async (act: Act) => {
    setConfirm(null);
    setBusy(act);
    setError(null);
    try {
      if (act === 'remove') {
        await api.remove(host, id, true);
        navigate('/containers');
      } else await api.act(host, id, act);
      await qc.invalidateQueries({ queryKey: ['container', host, id] });
    } catch (err) {
      setError({ text: `Could not ${act} ${name}: ${errorText(err)}`, hint: errorHint(err) });
    } finally {
      setBusy(null);
    }
  };
  const ask = (act: Act) => (WARNING[act] ? setConfirm(act) : void run(act));
  const verb = confirm ? `${confirm.charAt(0).toUpperCase()}${confirm.slice(1)}` : '';

  return (
    <div className="flex flex-wrap items-center gap-2">
      <LifecycleButtons actions={actionsFor(state)} busy={busy} onAct={ask} primary="start" />
      {error && (
        <p role="alert" className="w-full text-sm text-bad">
          {error.text}
          {error.hint && <span className="block text-xs text-muted">{error.hint}</span>}
        </p>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={`${verb} ${name}?`}
        confirmLabel={verb}
        onConfirm={() => confirm && void run(confirm)}
        onClose={() => setConfirm(null)}
      >
        {confirm && WARNING[confirm]}
      </ConfirmDialog>
    </div>
  );
}
