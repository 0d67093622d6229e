import { useState, type FormEvent } from 'react';
import { ApiError } from '@harbourmaster/client';
import { loginBodySchema, setupBodySchema } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { useTheme } from '../../lib/theme.js';
import { Button } from '../../components/button.js';
import { Icon } from '../../components/icon.js';

type Field = 'username' | 'password';
type Problem = { field: Field | null; message: string; hint?: string };

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

/** What a failed sign-in means for the person in front of the form. */
function problemOf(err: unknown): Problem {
  if (err instanceof ApiError) {
    if (err.status === 429)
      return {
        field: null,
        message: sentence(err.message),
        hint: 'Sign-in is paused for this account or address to stop password guessing. Wait, then try again.',
      };
    if (err.status === 401) return { field: 'password', message: 'Invalid username or password.' };
    if (err.status === 403) return { field: null, message: sentence(err.message) };
    if (err.field === 'username' || err.field === 'password')
      return { field: err.field, message: err.message };
  }
  return { field: null, message: errorText(err), hint: 'Check that the Harbourmaster daemon is running.' };
}

const inputClass =
  'mt-1 w-full rounded-md border border-line bg-bg px-3 py-2 outline-none transition-colors focus:border-accent aria-[invalid=true]:border-bad';

/** First-run setup (creates the first admin) or sign-in; both validate with the server's own schemas. */
export function SignInPage({
  mode,
  expired = false,
  onSignedIn,
}: {
  mode: 'setup' | 'login';
  expired?: boolean;
  onSignedIn: () => void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [theme, toggleTheme] = useTheme();
  const setup = mode === 'setup';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = (setup ? setupBodySchema : loginBodySchema).safeParse({ username, password });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0] === 'username' ? 'username' : 'password';
      const empty = field === 'username' ? !username : !password;
      setProblem({ field, message: empty ? `Enter a ${field}.` : sentence(issue?.message ?? 'invalid') });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await (setup ? api.setup(parsed.data) : api.login(parsed.data));
      onSignedIn();
    } catch (err) {
      setProblem(problemOf(err));
      setBusy(false);
    }
  };

  const alert = problem && (
    <div role="alert" className="mt-2 rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm text-bad">
      {problem.message}
      {problem.hint && <span className="mt-0.5 block text-xs text-muted">{problem.hint}</span>}
    </div>
  );

  return (
    <main className="relative grid min-h-full place-items-center bg-[radial-gradient(ellipse_at_top,color-mix(in_srgb,var(--accent)_12%,transparent),transparent_60%)] px-4 py-10">
      <button
        className="absolute top-4 right-4 flex items-center gap-1.5 rounded-md px-2 py-1 text-xs text-muted hover:bg-surface-2 hover:text-fg"
        onClick={toggleTheme}
      >
        <Icon name={theme === 'dark' ? 'sun' : 'moon'} className="size-3.5" />
        {theme === 'dark' ? 'Light theme' : 'Dark theme'}
      </button>
      <form
        noValidate
        onSubmit={(e) => void submit(e)}
        className="w-full max-w-sm rounded-2xl border border-line bg-surface p-7 shadow-xl"
      >
        <div className="mb-6 flex items-center gap-3">
          <img src="/icon.svg" alt="" className="size-10" />
          <div>
            <h1 className="text-lg font-semibold tracking-tight">
              {setup ? 'Welcome to Harbourmaster' : 'Sign in'}
            </h1>
            <p className="text-sm text-muted">
              {setup ? 'Create the first admin account.' : 'to manage your Docker hosts'}
            </p>
          </div>
        </div>
        {expired && !problem && (
          <p role="status" className="mb-4 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm">
            Your session ended. Sign in again to continue where you were.
          </p>
        )}
        <label className="block text-sm font-medium" htmlFor="username">
          Username
        </label>
        <input
          id="username"
          autoComplete="username"
          autoFocus
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          aria-invalid={problem?.field === 'username'}
          onChange={(e) => setUsername(e.target.value)}
          className={inputClass}
        />
        {problem?.field === 'username' && alert}
        <label className="mt-4 block text-sm font-medium" htmlFor="password">
          Password
        </label>
        <input
          id="password"
          type="password"
          autoComplete={setup ? 'new-password' : 'current-password'}
          value={password}
          aria-invalid={problem?.field === 'password'}
          aria-describedby={setup ? 'password-rule' : undefined}
          onChange={(e) => setPassword(e.target.value)}
          className={inputClass}
        />
        {setup && (
          <p id="password-rule" className="mt-1 text-xs text-muted">
            At least 8 characters. There is no default password.
          </p>
        )}
        {problem?.field === 'password' && alert}
        {problem?.field === null && <div className="mt-3">{alert}</div>}
        <Button type="submit" variant="primary" busy={busy} className="mt-6 h-9 w-full">
          {busy ? (setup ? 'Creating…' : 'Signing in…') : setup ? 'Create admin and continue' : 'Sign in'}
        </Button>
      </form>
    </main>
  );
}
