import type { ComponentProps, ReactNode } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-accent text-accent-fg hover:bg-accent/90 border-transparent shadow-sm',
  secondary: 'bg-surface-2 text-fg hover:bg-line/70 border-line',
  danger: 'bg-transparent text-bad border-bad/45 hover:bg-bad/10',
  ghost: 'bg-transparent text-muted hover:text-fg hover:bg-surface-2 border-transparent',
};

/** A button that shows a spinner while its action runs, so it never looks frozen. */
export function Button({
  variant = 'secondary',
  busy = false,
  children,
  className = '',
  type = 'button',
  ...rest
}: ComponentProps<'button'> & { variant?: Variant; busy?: boolean; children: ReactNode }) {
  return (
    <button
      {...rest}
      type={type}
      disabled={busy || rest.disabled}
      aria-busy={busy || undefined}
      className={`inline-flex h-8 items-center justify-center gap-1.5 rounded-md border px-3 text-[13px] font-medium whitespace-nowrap transition-colors select-none disabled:cursor-not-allowed disabled:opacity-55 ${VARIANTS[variant]} ${className}`}
    >
      {busy && <Spinner />}
      {children}
    </button>
  );
}

export function Spinner({ className = 'size-3.5' }: { className?: string }) {
  return (
    <span
      className={`inline-block animate-spin rounded-full border-2 border-current border-t-transparent ${className}`}
      aria-hidden
    />
  );
}
