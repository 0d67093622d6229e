import type { ContainerSummary } from '@harbourmaster/contracts';

const TONE: Record<string, string> = {
  running: 'text-ok bg-ok/10 border-ok/30',
  healthy: 'text-ok bg-ok/10 border-ok/30',
  paused: 'text-warn bg-warn/10 border-warn/30',
  restarting: 'text-warn bg-warn/10 border-warn/30',
  starting: 'text-warn bg-warn/10 border-warn/30',
  created: 'text-muted bg-surface-2 border-line',
  exited: 'text-muted bg-surface-2 border-line',
  unhealthy: 'text-bad bg-bad/10 border-bad/30',
  dead: 'text-bad bg-bad/10 border-bad/30',
  removing: 'text-muted bg-surface-2 border-line',
};

/** A state with its word always beside the colour; the title carries the engine's reason. */
export function StateBadge({ state, reason }: { state: string; reason?: string | undefined }) {
  return (
    <span
      title={reason}
      className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium ${TONE[state] ?? TONE.created}`}
    >
      <span className="size-1.5 rounded-full bg-current" aria-hidden />
      {state}
    </span>
  );
}

/** The badge a container shows: unhealthy wins over running, so trouble is visible first. */
export function containerBadgeState(c: Pick<ContainerSummary, 'state' | 'health'>): string {
  if (c.state === 'running' && c.health && c.health !== 'healthy') return c.health;
  return c.state;
}
