import type { FormEvent, ReactNode } from 'react';
import { ApiError } from '@harbourmaster/client';
import { errorText } from '../../lib/api.js';
import { useTheme } from '../../lib/theme.js';
import { Icon } from '../../components/icon.js';

/** What went wrong on a sign-in or setup form, and which field it belongs to (null: the whole form). */
export type Problem<F extends string> = { field: F | null; message: string; hint?: string };

/** A server or schema message as a sentence: capital first letter, full stop at the end. */
export const sentence = (s: string) =>
  `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

export const inputClass =
  'mt-1 w-full rounded-md border border-line bg-bg px-3 py-2 outline-none transition-colors focus:border-accent aria-[invalid=true]:border-bad';

/** The answers every auth form shares: a lockout, and a daemon that cannot be reached. */
export function commonProblem(err: unknown): Problem<never> {
  if (err instanceof ApiError && err.status === 429)
    return {
      field: null,
      message: sentence(err.message),
      hint: 'Attempts from this account or address are paused to stop guessing. Wait, then try again.',
    };
  if (err instanceof ApiError && err.status !== 0) return { field: null, message: sentence(err.message) };
  return { field: null, message: errorText(err), hint: 'Check that the Harbourmaster daemon is running.' };
}

/** A problem under its field or the form; the text stays in the body colour so it reads in both themes. */
export function ProblemNote({ problem, id }: { problem: Problem<string>; id?: string }) {
  return (
    <div
      role="alert"
      id={id}
      className="mt-2 flex gap-2 rounded-md border border-bad/50 bg-bad/10 px-3 py-2 text-sm text-fg"
    >
      <Icon name="alert" className="mt-0.5 size-4 shrink-0 text-bad" />
      <div>
        {problem.message}
        {problem.hint && <span className="mt-0.5 block text-xs text-muted">{problem.hint}</span>}
      </div>
    </div>
  );
}

/** The page around the first-run and sign-in forms: centred card, logo, title and a theme toggle. */
export function AuthCard({
  title,
  subtitle,
  onSubmit,
  wide = false,
  children,
}: {
  title: string;
  subtitle: string;
  onSubmit: () => void | Promise<void>;
  /** Room for a wizard's steps and commands, rather than two fields. */
  wide?: boolean;
  children: ReactNode;
}) {
  const [theme, toggleTheme] = useTheme();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSubmit();
  };
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
        onSubmit={submit}
        className={`w-full ${wide ? 'max-w-xl' : 'max-w-sm'} rounded-2xl border border-line bg-surface p-7 shadow-xl`}
      >
        <div className="mb-6 flex items-center gap-3">
          <img src="/icon.svg" alt="" className="size-10" />
          <div>
            <h1 className="text-lg font-semibold tracking-tight">{title}</h1>
            <p className="text-sm text-muted">{subtitle}</p>
          </div>
        </div>
        {children}
      </form>
    </main>
  );
}
