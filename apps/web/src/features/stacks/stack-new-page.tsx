import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { stackNameFrom } from './stack-text.js';
import { api, errorText } from '../../lib/api.js';
import { Link, navigate, usePath } from '../../lib/router.js';
import { useCan } from '../../lib/session.js';
import { Button } from '../../components/button.js';
import { ErrorNote, PageHeader, Panel } from '../../components/feedback.js';
import { StackFilesForm, type StackDraft } from './stack-files-form.js';

const STARTER = `services:
  app:
    image: nginx:alpine
    restart: unless-stopped
    ports:
      - "127.0.0.1:8080:80"
`;

/**
 * Creates a stack: a compose file typed from scratch, converted from a pasted `docker run` command,
 * or taken from a running container's configuration (`?from=<host>/<container>`).
 */
export function StackNewPage() {
  const path = usePath();
  const qc = useQueryClient();
  const canOperate = useCan('operator');
  const host = 'local';
  const [draft, setDraft] = useState<StackDraft>({ name: '', compose: STARTER, env: '' });
  const [version, setVersion] = useState(0);
  const [command, setCommand] = useState('');
  const [warnings, setWarnings] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = new URLSearchParams(path.split('?')[1] ?? '').get('from');

  const load = (compose: string, service: string, notes: string[]) => {
    setDraft({ name: stackNameFrom(service), compose, env: '' });
    setWarnings(notes);
    setVersion((v) => v + 1); // the form starts over from the new text
  };

  useEffect(() => {
    if (!from) return;
    const [h, id] = from.split('/');
    if (!h || !id) return;
    api
      .containerAsCompose(h, id)
      .then((r) => load(r.compose, r.service, r.warnings))
      .catch((err: unknown) => setError(`Could not read the container: ${errorText(err)}`));
  }, [from]);

  const convert = async () => {
    setBusy(true);
    try {
      const r = await api.convertRun(command);
      load(r.compose, r.service, r.warnings);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (!canOperate)
    return (
      <ErrorNote error="Creating a stack needs the operator role." hint="An admin can change your role." />
    );
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link to="/stacks" className="hover:text-fg">
          Stacks
        </Link>
      </nav>
      <PageHeader
        title="New stack"
        subtitle="A folder in the stacks directory with this compose file; it is checked with compose config before it is saved."
      />
      <Panel title="Start from a docker run command" className="mb-5">
        <label htmlFor="docker-run" className="mb-1 block text-sm text-muted">
          Paste one command; it becomes a compose service you can edit before saving.
        </label>
        <textarea
          id="docker-run"
          value={command}
          onChange={(e) => setCommand(e.target.value)}
          rows={3}
          spellCheck={false}
          placeholder="docker run -d --name web -p 127.0.0.1:8080:80 --restart unless-stopped nginx:alpine"
          className="w-full rounded-md border border-line bg-bg px-3 py-2 font-mono text-sm outline-none focus:border-accent"
        />
        <div className="mt-2 flex items-center gap-3">
          <Button onClick={() => void convert()} busy={busy} disabled={command.trim() === ''}>
            Convert
          </Button>
          {from && <span className="text-sm text-muted">From container {from}</span>}
        </div>
        {warnings.length > 0 && (
          <ul className="mt-3 list-disc pl-5 text-sm text-warn" aria-label="Conversion notes">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </Panel>
      {error && <ErrorNote error={error} />}
      <StackFilesForm
        key={version}
        host={host}
        initial={draft}
        onSaved={(stack) => {
          void qc.invalidateQueries({ queryKey: ['stacks', host] });
          qc.setQueryData(['stack', host, stack.name], stack);
          navigate(`/stacks/${encodeURIComponent(host)}/${encodeURIComponent(stack.name)}`);
        }}
      />
    </>
  );
}
