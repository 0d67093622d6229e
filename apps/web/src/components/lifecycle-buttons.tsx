import { Button } from './button.js';

/**
 * A row of lifecycle buttons plus Remove: the one that runs shows a spinner and the others wait,
 * so two actions never race on the same containers.
 */
export function LifecycleButtons<A extends string>({
  actions,
  busy,
  onAct,
  primary,
}: {
  actions: readonly A[];
  busy: A | 'remove' | null;
  onAct: (action: A | 'remove') => void;
  /** The action drawn as the main call to action, if any. */
  primary?: A;
}) {
  return (
    <>
      {actions.map((a) => (
        <Button
          key={a}
          variant={a === primary ? 'primary' : 'secondary'}
          busy={busy === a}
          disabled={busy !== null}
          onClick={() => onAct(a)}
          className="capitalize"
        >
          {a}
        </Button>
      ))}
      <Button
        variant="danger"
        busy={busy === 'remove'}
        disabled={busy !== null}
        onClick={() => onAct('remove')}
      >
        Remove
      </Button>
    </>
  );
}
