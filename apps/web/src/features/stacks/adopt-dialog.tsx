import { useState } from 'react';
import type { StackSummary } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';

/**
 * Adopts a Compose project started elsewhere: move its folder into the stacks directory, or manage
 * it in place. Calls `onAdopted` with the stack's name once it is managed.
 */
export function AdoptDialog({
  host,
  stack,
  onClose,
  onAdopted,
}: {
  host: string;
  stack: StackSummary | null;
  onClose: () => void;
  onAdopted: (name: string) => void;
}) {
  const [mode, setMode] = useState<'in-place' | 'move'>('in-place');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const adopt = async () => {
    if (!stack) return;
    setBusy(true);
    try {
      await api.adoptStack(host, stack.name, { mode });
      setError(null);
      onAdopted(stack.name);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const option = (value: typeof mode, title: string, text: string) => (
    <label className="flex cursor-pointer gap-2 rounded-md border border-line p-2.5 has-[:checked]:border-accent">
      <input
        type="radio"
        name="adopt-mode"
        value={value}
        checked={mode === value}
        onChange={() => setMode(value)}
        className="mt-0.5 accent-[var(--accent)]"
      />
      <span>
        <span className="block font-medium text-fg">{title}</span>
        <span className="block text-xs">{text}</span>
      </span>
    </label>
  );
  return (
    <ConfirmDialog
      open={stack !== null}
      title={`Adopt ${stack?.name ?? ''}`}
      confirmLabel="Adopt"
      danger={false}
      busy={busy}
      onConfirm={() => void adopt()}
      onClose={() => {
        setError(null);
        onClose();
      }}
    >
      <p className="mb-3">
        Started from{' '}
        <span className="font-mono break-all text-fg">{stack?.workingDir ?? 'an unknown folder'}</span>.
      </p>
      <div className="space-y-2">
        {option(
          'in-place',
          'Manage in place',
          'The files stay in their folder; deleting the stack later leaves the folder alone.',
        )}
        {option(
          'move',
          'Move into the stacks directory',
          'The whole folder moves; redeploy so the containers use the new paths.',
        )}
      </div>
      {error && (
        <p role="alert" className="mt-3 text-bad">
          {error}
        </p>
      )}
    </ConfirmDialog>
  );
}
