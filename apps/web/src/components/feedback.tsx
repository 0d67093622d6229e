import type { ReactNode } from 'react';
import { Icon } from './icon.js';

/** Grey placeholder rows while data loads, so the page keeps its shape. */
export function Skeleton({ rows = 5, className = 'h-9' }: { rows?: number; className?: string }) {
  return (
    <div className="space-y-2" role="status" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div
          key={i}
          className={`animate-pulse rounded-md bg-surface-2 ${className}`}
          style={{ opacity: 1 - i * (0.6 / rows) }}
        />
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-line px-6 py-12 text-center">
      <p className="font-medium">{title}</p>
      {children && <div className="mx-auto mt-1 max-w-md text-sm text-muted">{children}</div>}
    </div>
  );
}

/** An error with what to do next, and a way to try again when trying again can help. */
export function ErrorNote({
  error,
  hint,
  onRetry,
}: {
  error: string;
  hint?: string | undefined;
  onRetry?: () => void;
}) {
  return (
    <div role="alert" className="mb-3 flex gap-3 rounded-lg border border-bad/40 bg-bad/8 px-4 py-3 text-sm">
      <Icon name="alert" className="mt-0.5 size-4 text-bad" />
      <div className="min-w-0 flex-1">
        <p className="font-medium break-words text-bad">{error}</p>
        {hint && <p className="mt-0.5 text-muted">{hint}</p>}
      </div>
      {onRetry && (
        <button className="self-start text-sm font-medium text-accent hover:underline" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function PageHeader({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {subtitle && <p className="mt-0.5 text-sm text-muted">{subtitle}</p>}
      </div>
      {children && <div className="flex flex-wrap items-center gap-2">{children}</div>}
    </div>
  );
}

/** A bordered panel with a small heading: the unit every page is built from. */
export function Panel({
  title,
  actions,
  children,
  className = '',
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`min-w-0 rounded-xl border border-line bg-surface ${className}`}>
      {(title || actions) && (
        <div className="flex items-center justify-between gap-2 border-b border-line px-4 py-2.5">
          <h2 className="text-[13px] font-semibold">{title}</h2>
          {actions}
        </div>
      )}
      <div className="p-4">{children}</div>
    </section>
  );
}
