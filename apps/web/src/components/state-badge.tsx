import type { ContainerSummary } from '@harbourmaster/contracts';

type Tone = 'ok' | 'warn' | 'bad' | 'idle';

const TONE_OF: Record<string, Tone> = {
  running: 'ok',
  healthy: 'ok',
  reachable: 'ok',
  succeeded: 'ok',
  paused: 'warn',
  restarting: 'warn',
  starting: 'warn',
  removing: 'warn',
  queued: 'warn',
  unhealthy: 'bad',
  dead: 'bad',
  unreachable: 'bad',
  failed: 'bad',
  created: 'idle',
  exited: 'idle',
};

const CLASSES: Record<Tone, string> = {
  ok: 'text-ok bg-ok/10 border-ok/30',
  warn: 'text-warn bg-warn/10 border-warn/30',
  bad: 'text-bad bg-bad/10 border-bad/30',
  idle: 'text-muted bg-surface-2 border-line',
};

/**
 * A state with its word always beside the colour (never colour alone); the title carries the
 * engine's reason. `tone` overrides the colour, e.g. for an exit with an error code.
 */
export function StateBadge({
  state,
  reason,
  tone,
}: {
  state: string;
  reason?: string | undefined;
  tone?: Tone;
}) {
  const t = tone ?? TONE_OF[state] ?? 'idle';
  return (
    <span
      title={reason}
      className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-px text-xs leading-5 font-medium whitespace-nowrap ${CLASSES[t]}`}
    >
      <span
        className={`size-1.5 rounded-full bg-current ${t === 'warn' ? 'animate-pulse' : ''}`}
        aria-hidden
      />
      {state}
    </span>
  );
}

/** The badge a container shows: unhealthy wins over running, so trouble is visible first. */
export function containerBadgeState(c: Pick<ContainerSummary, 'state' | 'health'>): string {
  if (c.state === 'running' && c.health && c.health !== 'healthy') return c.health;
  return c.state;
}

/** The exit code in the engine's status text ("Exited (137) 2 minutes ago"), or null. */
export function exitCode(status: string): number | null {
  const m = /^Exited \((-?\d+)\)/.exec(status);
  return m ? Number(m[1]) : null;
}

// 0 is a clean exit; 130/143 are SIGINT/SIGTERM; 137 is SIGKILL, which `docker stop` sends to a process
// that ignores SIGTERM — counting those would flag every container someone stopped on purpose.
const STOPPED_ON_PURPOSE = new Set([0, 130, 137, 143]);

/** Whether a container is in trouble: unhealthy, restarting, dead, or exited with an error code. */
export function needsAttention(c: Pick<ContainerSummary, 'state' | 'health' | 'status'>): boolean {
  if (c.health === 'unhealthy' || c.state === 'restarting' || c.state === 'dead') return true;
  const code = c.state === 'exited' ? exitCode(c.status) : null;
  return code !== null && !STOPPED_ON_PURPOSE.has(code);
}

/** The badge tone for a container: an error exit is red even though "exited" alone is grey. */
export function containerTone(c: Pick<ContainerSummary, 'state' | 'health' | 'status'>): Tone | undefined {
  return c.state === 'exited' && needsAttention(c) ? 'bad' : undefined;
}
