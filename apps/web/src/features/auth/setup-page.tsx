import { useState } from 'react';
import { ApiError } from '@harbourmaster/client';
import { setupBodySchema } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { AuthCard, commonProblem, inputClass, ProblemNote, sentence, type Problem } from './auth-card.js';

type Field = 'setupCode' | 'username' | 'password';

const FIELDS: readonly Field[] = ['setupCode', 'username', 'password'];
const EMPTY: Record<Field, string> = {
  setupCode: 'Enter the setup code.',
  username: 'Enter a username.',
  password: 'Enter a password.',
};

const asField = (name: unknown): Field | null => FIELDS.find((f) => f === name) ?? null;

/** What a failed setup means for the person in front of the form. */
function problemOf(err: unknown): Problem<Field> {
  if (err instanceof ApiError) {
    if (err.status === 403)
      return {
        field: 'setupCode',
        message: 'That is not the setup code.',
        hint: 'Use the code from the daemon’s most recent start; a restart prints a new one.',
      };
    if (err.status === 409)
      return { field: null, message: 'The first admin exists already.', hint: 'Reload the page to sign in.' };
    const field = asField(err.field?.replace(/^body\./, ''));
    if (field && err.status === 400)
      return { field, message: sentence(err.message.replace(/^[\w.]+: /, '')) };
  }
  return commonProblem(err);
}

/**
 * First run: creates the first admin. It asks for the one-time setup code the daemon printed, so
 * only someone who can see the daemon's console or log can claim a fresh installation.
 */
export function SetupPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [values, setValues] = useState<Record<Field, string>>({ setupCode: '', username: '', password: '' });
  const [problem, setProblem] = useState<Problem<Field> | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: Field) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  const submit = async () => {
    const parsed = setupBodySchema.safeParse(values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = asField(issue?.path[0]) ?? 'password';
      const message = values[field] ? sentence(issue?.message ?? 'invalid') : EMPTY[field];
      setProblem({ field, message });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await api.setup(parsed.data);
      onSignedIn();
    } catch (err) {
      setProblem(problemOf(err));
      setBusy(false);
    }
  };

  const noteFor = (field: Field) => problem?.field === field && <ProblemNote problem={problem} />;

  return (
    <AuthCard title="Welcome to Harbourmaster" subtitle="Create the first admin account." onSubmit={submit}>
      <label className="block text-sm font-medium" htmlFor="setup-code">
        Setup code
      </label>
      <input
        id="setup-code"
        autoComplete="one-time-code"
        autoFocus
        autoCapitalize="characters"
        spellCheck={false}
        value={values.setupCode}
        aria-invalid={problem?.field === 'setupCode'}
        aria-describedby="setup-code-hint"
        onChange={set('setupCode')}
        className={`${inputClass} font-mono tracking-widest uppercase`}
      />
      <p id="setup-code-hint" className="mt-1 text-xs text-muted">
        The daemon prints it in its log and on its console when it starts, as{' '}
        <span className="font-mono text-fg">Setup code: XXXX-XXXX-XXXX</span> — see{' '}
        <span className="font-mono text-fg">docker logs</span>,{' '}
        <span className="font-mono text-fg">journalctl</span> or the terminal that runs it. A restart prints a
        new one.
      </p>
      {noteFor('setupCode')}
      <label className="mt-4 block text-sm font-medium" htmlFor="username">
        Username
      </label>
      <input
        id="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={values.username}
        aria-invalid={problem?.field === 'username'}
        onChange={set('username')}
        className={inputClass}
      />
      {noteFor('username')}
      <label className="mt-4 block text-sm font-medium" htmlFor="password">
        Password
      </label>
      <input
        id="password"
        type="password"
        autoComplete="new-password"
        value={values.password}
        aria-invalid={problem?.field === 'password'}
        aria-describedby="password-rule"
        onChange={set('password')}
        className={inputClass}
      />
      <p id="password-rule" className="mt-1 text-xs text-muted">
        At least 8 characters. There is no default password.
      </p>
      {noteFor('password')}
      {problem?.field === null && (
        <div className="mt-3">
          <ProblemNote problem={problem} />
        </div>
      )}
      <Button type="submit" variant="primary" busy={busy} className="mt-6 h-9 w-full">
        {busy ? 'Creating…' : 'Create admin and continue'}
      </Button>
    </AuthCard>
  );
}
