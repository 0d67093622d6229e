import { useEffect, useRef } from 'react';
import type { Job } from '@harbourmaster/contracts';
import type { StackJobProgress } from './use-job.js';

const STATE_CLASS: Record<string, string> = {
  succeeded: 'text-ok',
  failed: 'text-bad',
  cancelled: 'text-muted',
};

/** A stack job's live Compose output, following the newest line, with its state and error. */
export function JobOutput({ job, title }: { job: Job; title: string }) {
  const progress = (job.progress ?? {}) as StackJobProgress;
  const lines = progress.lines ?? [];
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines.length]);
  return (
    <section
      aria-label={`${title} output`}
      className="mb-4 rounded-xl border border-line bg-surface"
      data-testid="job-output"
    >
      <div className="flex items-center justify-between gap-2 border-b border-line px-4 py-2 text-sm">
        <span className="font-medium">{title}</span>
        <span data-testid="job-state" className={STATE_CLASS[job.state] ?? 'text-muted'} aria-live="polite">
          {progress.waiting ? 'waiting for the operation already running on this stack' : job.state}
        </span>
      </div>
      <pre
        ref={box}
        tabIndex={0}
        aria-label="Compose output"
        className="max-h-64 overflow-auto px-4 py-3 font-mono text-xs leading-5 whitespace-pre-wrap text-fg"
      >
        {lines.length === 0 ? <span className="text-muted">No output yet…</span> : lines.join('\n')}
      </pre>
      {job.error && (
        <p role="alert" className="border-t border-line px-4 py-2 text-sm whitespace-pre-wrap text-bad">
          {job.error}
        </p>
      )}
    </section>
  );
}
