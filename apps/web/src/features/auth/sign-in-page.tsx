import { useState } from 'react';
import { ApiError } from '@harbourmaster/client';
import { loginBodySchema } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { AuthCard, commonProblem, inputClass, ProblemNote, sentence, type Problem } from './auth-card.js';

type Field = 'username' | 'password';

/** What a failed sign-in means for the person in front of the form. */
function problemOf(err: unknown): Problem<Field> {
  if (err instanceof ApiError) {
    if (err.status === 401) return { field: 'password', message: 'Invalid username or password.' };
    if (err.field === 'username' || err.field === 'password')
      return { field: err.field, message: err.message };
  }
  return commonProblem(err);
}

/** Sign-in with username and password, validated with the server's own schema. */
export function SignInPage({ expired = false, onSignedIn }: { expired?: boolean; onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem<Field> | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const parsed = loginBodySchema.safeParse({ username, password });
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
      await api.login(parsed.data);
      onSignedIn();
    } catch (err) {
      setProblem(problemOf(err));
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Sign in" subtitle="to manage your Docker hosts" onSubmit={submit}>
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
      {problem?.field === 'username' && <ProblemNote problem={problem} />}
      <label className="mt-4 block text-sm font-medium" htmlFor="password">
        Password
      </label>
      <input
        id="password"
        type="password"
        autoComplete="current-password"
        value={password}
        aria-invalid={problem?.field === 'password'}
        onChange={(e) => setPassword(e.target.value)}
        className={inputClass}
      />
      {problem?.field === 'password' && <ProblemNote problem={problem} />}
      {problem?.field === null && (
        <div className="mt-3">
          <ProblemNote problem={problem} />
        </div>
      )}
      <Button type="submit" variant="primary" busy={busy} className="mt-6 h-9 w-full">
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </AuthCard>
  );
}
