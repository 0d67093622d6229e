import { useState } from 'react';
import type { StackAction } from '@harbourmaster/contracts';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';

const LABEL: Record<StackAction, string> = {
  deploy: 'Deploy',
  restart: 'Restart',
  stop: 'Stop',
  down: 'Down',
  pull: 'Pull',
};

const HINT: Record<StackAction, string> = {
  deploy: 'compose up -d --remove-orphans',
  restart: 'compose restart',
  stop: 'compose stop',
  down: 'compose down: removes the containers and networks',
  pull: 'compose pull: fetches newer images; deploy to use them',
};

/** The stack's operations, and delete (optionally with its volumes) behind a confirmation. */
export function StackActions({
  name,
  busy,
  inPlace,
  onAction,
  onDelete,
}: {
  name: string;
  busy: boolean;
  inPlace: boolean;
  onAction: (action: StackAction) => void;
  onDelete: (volumes: boolean) => Promise<void>;
}) {
  const [confirm, setConfirm] = useState(false);
  const [volumes, setVolumes] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="flex flex-wrap gap-2">
      {(['deploy', 'restart', 'stop', 'down', 'pull'] as const).map((a) => (
        <Button
          key={a}
          variant={a === 'deploy' ? 'primary' : 'secondary'}
          disabled={busy}
          title={HINT[a]}
          onClick={() => onAction(a)}
        >
          {LABEL[a]}
        </Button>
      ))}
      <Button variant="danger" disabled={busy} onClick={() => setConfirm(true)}>
        Delete
      </Button>
      <ConfirmDialog
        open={confirm}
        title={`Delete stack ${name}?`}
        confirmLabel="Delete"
        busy={deleting}
        onClose={() => setConfirm(false)}
        onConfirm={() => {
          setDeleting(true);
          void onDelete(volumes).finally(() => {
            setDeleting(false);
            setConfirm(false);
          });
        }}
      >
        <p>
          Its containers and networks are taken down
          {inPlace ? '; its folder stays where it is, no longer managed.' : ', then its folder is deleted.'}
        </p>
        <label className="mt-3 flex items-center gap-2 text-fg">
          <input
            type="checkbox"
            checked={volumes}
            onChange={(e) => setVolumes(e.target.checked)}
            className="accent-[var(--bad)]"
          />
          Also delete its volumes (the data in them is lost)
        </label>
      </ConfirmDialog>
    </div>
  );
}
