import { lazy, Suspense, useState, type FormEvent } from 'react';
import { ApiError } from '@harbourmaster/client';
import { stackNameSchema, type StackReply } from '@harbourmaster/contracts';
import { errorLineOf } from './stack-text.js';
import { api, errorText } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { Skeleton } from '../../components/feedback.js';

// CodeMirror and the Compose schema load with the first editor someone opens.
const ComposeEditor = lazy(() => import('./editor/compose-editor.js'));

export type StackDraft = { name: string; compose: string; env: string };

/**
 * The stack's name, compose file and `.env`, edited as typed and saved through the API, which checks
 * them with `compose config` first: a file that does not validate is not written, and the line it
 * names is marked. Renaming is changing the name of a saved stack.
 */
export function StackFilesForm({
  host,
  initial,
  existing,
  readOnly = false,
  onSaved,
}: {
  host: string;
  initial: StackDraft;
  /** The saved stack's name when editing; absent when creating. */
  existing?: string;
  readOnly?: boolean;
  onSaved: (stack: StackReply) => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const dirty = draft.name !== initial.name || draft.compose !== initial.compose || draft.env !== initial.env;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const name = stackNameSchema.safeParse(draft.name);
    if (!name.success)
      return setError({ message: name.error.issues[0]?.message ?? 'invalid', field: 'name' });
    setBusy(true);
    setSaved(false);
    try {
      // An .env emptied by the person removes the file; one never there stays absent.
      const env = draft.env === '' && initial.env === '' ? undefined : draft.env;
      const body = { name: name.data, compose: draft.compose, ...(env === undefined ? {} : { env }) };
      const stack = existing
        ? await api.updateStack(host, existing, body)
        : await api.createStack(host, body);
      setError(null);
      setSaved(true);
      onSaved(stack);
    } catch (err) {
      setError({
        message: errorText(err),
        ...(err instanceof ApiError && err.field ? { field: err.field } : {}),
      });
    } finally {
      setBusy(false);
    }
  };

  const input =
    'h-8 w-full max-w-sm rounded-md border border-line bg-bg px-2 font-mono text-sm outline-none focus:border-accent';
  const composeError = error?.field === 'compose' ? errorLineOf(error.message) : null;
  return (
    <form onSubmit={(e) => void save(e)} className="space-y-4" aria-label="Stack files">
      <div>
        <label htmlFor="stack-name" className="mb-1 block text-sm font-medium">
          Name
        </label>
        <input
          id="stack-name"
          value={draft.name}
          readOnly={readOnly}
          onChange={(e) => setDraft({ ...draft, name: e.target.value.trim() })}
          aria-invalid={error?.field === 'name' || undefined}
          aria-describedby="stack-name-hint"
          placeholder="media-server"
          className={input}
          autoComplete="off"
          spellCheck={false}
        />
        <p id="stack-name-hint" className="mt-1 text-xs text-muted">
          Lowercase letters, digits, - and _. It is the folder's name and the Compose project name
          {existing ? '; a stack with containers is taken down before it can be renamed' : ''}.
        </p>
      </div>
      <div>
        <p className="mb-1 text-sm font-medium" id="compose-label">
          compose.yaml
        </p>
        <Suspense fallback={<Skeleton rows={1} className="h-96" />}>
          <ComposeEditor
            value={draft.compose}
            onChange={(compose) => setDraft((d) => ({ ...d, compose }))}
            language="compose"
            label="Compose file"
            readOnly={readOnly}
            errorLine={composeError}
            minHeight="22rem"
          />
        </Suspense>
      </div>
      <div>
        <p className="mb-1 text-sm font-medium">.env</p>
        <Suspense fallback={<Skeleton rows={1} className="h-24" />}>
          <ComposeEditor
            value={draft.env}
            onChange={(env) => setDraft((d) => ({ ...d, env }))}
            language="env"
            label="Environment file (.env)"
            readOnly={readOnly}
            minHeight="6rem"
          />
        </Suspense>
        <p className="mt-1 text-xs text-muted">
          KEY=value lines, read by Compose for{' '}
          <span className="font-mono">
            ${'{'}VAR{'}'}
          </span>{' '}
          in the file.
          {readOnly ? ' Values of secret-looking names are hidden from viewers.' : ''}
        </p>
      </div>
      {error && (
        <p
          role="alert"
          className="rounded-md border border-bad/30 bg-bad/10 px-3 py-2 text-sm whitespace-pre-wrap text-bad"
        >
          {error.message}
        </p>
      )}
      {!readOnly && (
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" busy={busy} disabled={!dirty && existing !== undefined}>
            {existing ? 'Save' : 'Create stack'}
          </Button>
          {saved && !dirty && (
            <span className="text-sm text-ok" role="status">
              Saved
            </span>
          )}
          {existing && dirty && <span className="text-sm text-muted">Unsaved changes</span>}
        </div>
      )}
    </form>
  );
}
