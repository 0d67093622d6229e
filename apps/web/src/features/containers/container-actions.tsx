import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ContainerAction } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { navigate } from '../../lib/router.js';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';

type Act = ContainerAction | 'remove';
const DESTRUCTIVE: ReadonlySet<Act> = new Set(['stop', 'kill', 'remove']);

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
  const [error, setError] = useState<string | null>(null);
  const running = state === 'running' || state === 'restarting';

  const run = async (act: Act) => {
    setConfirm(null);
    setBusy(act);
    setError(null);
    try {
      if (act === 'remove') {
        await api.remove(host, id, true);
        navigate('/containers');
      } else await api.act(host, id, act);
      await qc.invalidateQueries();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  const ask = (act: Act) => (DESTRUCTIVE.has(act) ? setConfirm(act) : void run(act));
  const buttons: Act[] =
    state === 'paused' ? ['unpause', 'stop'] : running ? ['restart', 'pause', 'stop', 'kill'] : ['start'];

  return (
    <div className="flex flex-wrap items-center gap-2">
      {buttons.map((a) => (
        <Button
          key={a}
          variant={a === 'start' ? 'primary' : 'secondary'}
          busy={busy === a}
          onClick={() => ask(a)}
          className="capitalize"
        >
          {a}
        </Button>
      ))}
      <Button variant="danger" busy={busy === 'remove'} onClick={() => ask('remove')}>
        Remove
      </Button>
      {error && (
        <p role="alert" className="w-full text-sm text-bad">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={`${confirm === 'remove' ? 'Remove' : confirm === 'kill' ? 'Kill' : 'Stop'} ${name}?`}
        confirmLabel={confirm === 'remove' ? 'Remove' : confirm === 'kill' ? 'Kill' : 'Stop'}
        onConfirm={() => confirm && void run(confirm)}
        onClose={() => setConfirm(null)}
      >
        {confirm === 'remove' && 'The container is removed even if running. Named volumes stay.'}
        {confirm === 'kill' && 'The process gets SIGKILL at once, with no chance to clean up.'}
        {confirm === 'stop' && 'The process gets SIGTERM, then SIGKILL after 10 s.'}
      </ConfirmDialog>
    </div>
  );
}
