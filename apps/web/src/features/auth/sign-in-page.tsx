import { useState, type FormEvent } from 'react';
import { loginBodySchema, setupBodySchema } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { Button } from '../../components/button.js';

/** First-run setup (creates the first admin) or sign-in; both validate with the server's schemas. */
export function SignInPage({ mode, onSignedIn }: { mode: 'setup' | 'login'; onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setup = mode === 'setup';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = (setup ? setupBodySchema : loginBodySchema).safeParse({ username, password });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(`${String(issue?.path[0] ?? 'input')}: ${issue?.message ?? 'invalid'}`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await (setup ? api.setup(parsed.data) : api.login(parsed.data));
      onSignedIn();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="grid min-h-full place-items-center px-4">
      <form
        onSubmit={(e) => void submit(e)}
        className="w-full max-w-sm rounded-2xl border border-line bg-surface p-7 shadow-xl"
      >
        <div className="mb-6 flex items-center gap-3">
          <img src="/icon.svg" alt="" className="size-9" />
          <div>
            <h1 className="text-lg font-semibold">{setup ? 'Welcome to Harbourmaster' : 'Sign in'}</h1>
            <p className="text-sm text-muted">
              {setup ? 'Create the first admin account.' : 'to manage your Docker hosts'}
            </p>
          </div>
        </div>
        <label className="block text-sm font-medium" htmlFor="username">
          Username
        </label>
        <input
          id="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          className="mt-1 mb-4 w-full rounded-md border border-line bg-bg px-3 py-2 outline-none focus:border-accent"
        />
        <label className="block text-sm font-medium" htmlFor="password">
          Password
        </label>
        <input
          id="password"
          type="password"
          autoComplete={setup ? 'new-password' : 'current-password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="mt-1 w-full rounded-md border border-line bg-bg px-3 py-2 outline-none focus:border-accent"
        />
        {setup && (
          <p className="mt-1 text-xs text-muted">At least 8 characters. There is no default password.</p>
        )}
        {error && (
          <p
            role="alert"
            className="mt-4 rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm text-bad"
          >
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" busy={busy} className="mt-6 w-full py-2">
          {setup ? 'Create admin and continue' : 'Sign in'}
        </Button>
      </form>
    </main>
  );
}
