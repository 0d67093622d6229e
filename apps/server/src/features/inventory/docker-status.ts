/** What the engine's status text is made of: the container's state as `inspect` reports it. */
export interface StatusState {
  running: boolean;
  paused: boolean;
  restarting: boolean;
  dead: boolean;
  removing: boolean;
  exitCode: number;
  /** Unix milliseconds; null while the container has never started. */
  startedAt: number | null;
  /** Unix milliseconds; null while the container has never stopped. */
  finishedAt: number | null;
  /** 'starting' | 'healthy' | 'unhealthy', or null without a health check. */
  health: string | null;
}

/**
 * A duration as the engine words it (go-units' HumanDuration), so a status rendered here reads
 * exactly like the one `docker ps` shows at the same instant.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  // Go rounds half away from zero; Math.round rounds half up, the same for positive durations.
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(Math.floor(ms / 3_600_000) / 24 / 365)} years`;
}

function healthText(health: string): string {
  return health === 'starting' ? 'health: starting' : health;
}

/**
 * The engine's human status ("Up 5 minutes (healthy)", "Exited (0) 2 hours ago") at `now`, the
 * same rules as the engine's own `State.String()`: rendered from exact times, so a list served
 * from memory ages like the engine's.
 */
export function dockerStatus(s: StatusState, now: number): string {
  const since = (t: number | null) => humanDuration(Math.max(0, now - (t ?? now)));
  if (s.running) {
    if (s.paused) return `Up ${since(s.startedAt)} (Paused)`;
    if (s.restarting) return `Restarting (${s.exitCode}) ${since(s.finishedAt)} ago`;
    if (s.health) return `Up ${since(s.startedAt)} (${healthText(s.health)})`;
    return `Up ${since(s.startedAt)}`;
  }
  if (s.removing) return 'Removal In Progress';
  if (s.dead) return 'Dead';
  if (s.startedAt === null) return 'Created';
  if (s.finishedAt === null) return '';
  return `Exited (${s.exitCode}) ${since(s.finishedAt)} ago`;
}

/** Go's zero time ("0001-01-01T00:00:00Z") means "never"; anything else is an instant. */
export function engineTime(text: string | undefined): number | null {
  if (!text || text.startsWith('0001-01-01')) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : t;
}
