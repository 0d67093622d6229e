import type { AlertInput } from '@harbourmaster/contracts';
import type { EngineEvent } from '@harbourmaster/engine';

/** What a crash alert carries beyond the event: the engine's reason and the last log lines. */
export interface CrashContext {
  oomKilled: boolean;
  error: string | null;
  logTail: string[];
}

export interface CrashDetectorDeps {
  raise(alert: AlertInput): void;
  /** The container's state and last lines, fetched with a deadline; null when it cannot be had. */
  context(hostId: string, containerId: string): Promise<CrashContext | null>;
  now(): number;
  setTimer(fn: () => void, ms: number): { cancel(): void };
}

export interface CrashDetectorOptions {
  /** How long after an exit a `stop` or `destroy` may still say someone asked for it. */
  graceMs: number;
  /** How long a container must run again before its crash counts as recovered. */
  recoverAfterMs: number;
  /** A restart loop: this many crashes of one container… */
  loopCount: number;
  /** …within this many milliseconds. */
  loopWindowMs: number;
  /** How long a stop request (ours, or a non-KILL signal) marks the container's next exit as asked for. */
  intentMs: number;
}

export const DEFAULT_CRASH_OPTIONS: CrashDetectorOptions = {
  graceMs: 250,
  recoverAfterMs: 10_000,
  loopCount: 3,
  loopWindowMs: 5 * 60_000,
  intentMs: 15 * 60_000,
};

type Timer = { cancel(): void };
type Tracked = {
  /** Until when an exit counts as asked for. */
  intentUntil: number;
  oom: boolean;
  pendingExit: Timer | null;
  recovery: Timer | null;
  crashes: number[];
  loopAlerted: boolean;
};

const SIGKILL = new Set(['9', 'SIGKILL', 'KILL']);

/**
 * Tells crashes from exits someone asked for, from the engine's event stream alone (within a
 * second of the event): an exit is asked for when our API or a job said so (`expect`), when a
 * signal other than KILL reached it first (`docker stop` sends TERM, or the image's stop signal), or
 * when `stop`/`destroy` follows within a moment (`docker rm -f`). Everything else is a crash:
 * non-zero exit, OOM kill, or a clean exit nobody asked for. Also unhealthy/healthy, restart loops,
 * and the recovery once a crashed container has run again for a while.
 */
export class CrashDetector {
  readonly #tracked = new Map<string, Tracked>();
  /** Stop requests by the reference they were made with (a name or an id prefix), until when. */
  readonly #asked = new Map<string, number>();

  constructor(
    private readonly deps: CrashDetectorDeps,
    private readonly opts: CrashDetectorOptions = DEFAULT_CRASH_OPTIONS,
  ) {}

  /**
   * Our API, a job or a stack operation is about to stop, kill, restart or remove the container,
   * named by its id, an id prefix or its name.
   */
  expect(hostId: string, ref: string): void {
    const now = this.deps.now();
    for (const [k, until] of this.#asked) if (until <= now) this.#asked.delete(k);
    this.#asked.set(`${hostId}/${ref.replace(/^\//, '')}`, now + this.opts.intentMs);
    for (const [key, t] of this.#tracked) {
      const id = key.slice(hostId.length + 1);
      if (!key.startsWith(`${hostId}/`) || !matchesRef(id, ref)) continue;
      t.pendingExit?.cancel();
      t.pendingExit = null;
    }
  }

  /** Whether a stop of this container was asked for (and takes the request: one exit per request). */
  private takeAsked(hostId: string, id: string, name: string | undefined): boolean {
    const now = this.deps.now();
    for (const [key, until] of this.#asked) {
      if (until <= now || !key.startsWith(`${hostId}/`)) continue;
      const ref = key.slice(hostId.length + 1);
      if (ref === name || matchesRef(id, ref)) {
        this.#asked.delete(key);
        return true;
      }
    }
    return false;
  }

  handle(hostId: string, event: EngineEvent): void {
    if (event.Type !== 'container') return;
    const id = event.Actor.ID;
    const attrs = event.Actor.Attributes;
    const action = event.Action;
    if (action === 'kill') {
      if (!SIGKILL.has(attrs.signal ?? ''))
        this.track(hostId, id).intentUntil = this.deps.now() + this.opts.intentMs;
    } else if (action === 'oom') {
      this.track(hostId, id).oom = true;
    } else if (action === 'die') {
      this.onDie(hostId, id, attrs);
    } else if (action === 'stop' || action === 'destroy') {
      const t = this.#tracked.get(`${hostId}/${id}`);
      t?.pendingExit?.cancel();
      t?.recovery?.cancel();
      if (t && action === 'destroy') this.#tracked.delete(`${hostId}/${id}`);
      else if (t) t.pendingExit = null;
    } else if (action === 'start') {
      this.onStart(hostId, id, attrs);
    } else if (action.startsWith('health_status')) {
      this.onHealth(hostId, id, attrs, action.slice(action.indexOf(':') + 1).trim());
    }
  }

  /** Forgets every pending timer (shutdown). */
  close(): void {
    for (const t of this.#tracked.values()) {
      t.pendingExit?.cancel();
      t.recovery?.cancel();
    }
    this.#tracked.clear();
  }

  private onDie(hostId: string, id: string, attrs: Record<string, string>): void {
    const t = this.track(hostId, id);
    t.recovery?.cancel();
    t.recovery = null;
    const asked = t.intentUntil > this.deps.now() || this.takeAsked(hostId, id, attrs.name);
    if (asked) {
      t.intentUntil = 0;
      t.oom = false;
      return;
    }
    const exitCode = Number(attrs.exitCode ?? 'NaN');
    t.pendingExit?.cancel();
    t.pendingExit = this.deps.setTimer(() => {
      t.pendingExit = null;
      // The engine may report the OOM kill just after the exit; the grace covers that too.
      const oom = t.oom;
      t.oom = false;
      void this.crashed(hostId, id, attrs, Number.isFinite(exitCode) ? exitCode : null, oom);
    }, this.opts.graceMs);
  }

  private async crashed(
    hostId: string,
    id: string,
    attrs: Record<string, string>,
    exitCode: number | null,
    oomEvent: boolean,
  ): Promise<void> {
    const ctx = await this.deps.context(hostId, id).catch(() => null);
    const oom = oomEvent || ctx?.oomKilled === true;
    const name = attrs.name ?? id.slice(0, 12);
    const base = alertBase(hostId, id, attrs);
    const code = exitCode ?? undefined;
    const reason = oom
      ? 'killed by the kernel: out of memory'
      : ctx?.error ||
        (exitCode === 0
          ? 'exited cleanly, but nobody asked it to stop'
          : `exited with code ${exitCode ?? '?'}`);
    this.deps.raise({
      ...base,
      key: `container.crash:${hostId}:${id}`,
      kind: oom ? 'container.oom' : 'container.died',
      severity: oom || exitCode !== 0 ? 'critical' : 'warning',
      status: 'firing',
      title: oom
        ? `${name} was killed: out of memory`
        : `${name} ${exitCode === 0 ? 'stopped unexpectedly' : 'crashed'}`,
      message: `${name} on ${hostId}: ${reason}.`,
      detail: {
        ...(code === undefined ? {} : { exitCode: code }),
        reason,
        ...(ctx?.logTail.length ? { logTail: ctx.logTail } : {}),
      },
    });
    this.countCrash(hostId, id, attrs);
  }

  private countCrash(hostId: string, id: string, attrs: Record<string, string>): void {
    const t = this.track(hostId, id);
    const now = this.deps.now();
    t.crashes = [...t.crashes.filter((at) => now - at < this.opts.loopWindowMs), now];
    if (t.crashes.length < this.opts.loopCount || t.loopAlerted) return;
    t.loopAlerted = true;
    const name = attrs.name ?? id.slice(0, 12);
    const minutes = Math.round(this.opts.loopWindowMs / 60_000);
    this.deps.raise({
      ...alertBase(hostId, id, attrs),
      key: `container.restart-loop:${hostId}:${id}`,
      kind: 'container.restart-loop',
      severity: 'critical',
      status: 'firing',
      title: `${name} is in a restart loop`,
      message: `${name} on ${hostId} crashed ${t.crashes.length} times in ${minutes} minutes.`,
      detail: { reason: `${t.crashes.length} crashes in ${minutes} minutes` },
    });
  }

  private onStart(hostId: string, id: string, attrs: Record<string, string>): void {
    const t = this.#tracked.get(`${hostId}/${id}`);
    if (!t) return;
    t.recovery?.cancel();
    // Recovered once it has run for a while; a container that dies again meanwhile has not.
    t.recovery = this.deps.setTimer(() => {
      t.recovery = null;
      const name = attrs.name ?? id.slice(0, 12);
      const base = alertBase(hostId, id, attrs);
      this.deps.raise({
        ...base,
        key: `container.crash:${hostId}:${id}`,
        kind: 'container.running',
        severity: 'info',
        status: 'resolved',
        title: `${name} is running again`,
        message: `${name} on ${hostId} has been running for ${Math.round(this.opts.recoverAfterMs / 1000)} s.`,
        detail: {},
      });
      if (t.loopAlerted) {
        t.loopAlerted = false;
        t.crashes = [];
        this.deps.raise({
          ...base,
          key: `container.restart-loop:${hostId}:${id}`,
          kind: 'container.running',
          severity: 'info',
          status: 'resolved',
          title: `${name} is out of its restart loop`,
          message: `${name} on ${hostId} has been running for ${Math.round(this.opts.recoverAfterMs / 1000)} s.`,
          detail: {},
        });
      }
    }, this.opts.recoverAfterMs);
  }

  private onHealth(hostId: string, id: string, attrs: Record<string, string>, health: string): void {
    if (health !== 'unhealthy' && health !== 'healthy') return;
    const name = attrs.name ?? id.slice(0, 12);
    const unhealthy = health === 'unhealthy';
    this.deps.raise({
      ...alertBase(hostId, id, attrs),
      key: `container.unhealthy:${hostId}:${id}`,
      kind: unhealthy ? 'container.unhealthy' : 'container.healthy',
      severity: unhealthy ? 'warning' : 'info',
      status: unhealthy ? 'firing' : 'resolved',
      title: unhealthy ? `${name} is unhealthy` : `${name} is healthy again`,
      message: `${name} on ${hostId}: its health check ${unhealthy ? 'fails' : 'passes again'}.`,
      detail: {},
    });
  }

  private track(hostId: string, id: string): Tracked {
    const key = `${hostId}/${id}`;
    let t = this.#tracked.get(key);
    if (!t) {
      t = { intentUntil: 0, oom: false, pendingExit: null, recovery: null, crashes: [], loopAlerted: false };
      this.#tracked.set(key, t);
    }
    return t;
  }
}

/** Whether a reference (full id, id prefix of 12 or more hex digits) names this id. */
function matchesRef(id: string, ref: string): boolean {
  return ref === id || (ref.length >= 12 && /^[0-9a-f]+$/.test(ref) && id.startsWith(ref));
}

const PROJECT = 'com.docker.compose.project';
const ENGINE_ATTRIBUTES = new Set(['name', 'image', 'exitCode', 'execDuration', 'signal', 'container']);

/** The parts every container alert shares: where, which container and stack, its labels. */
function alertBase(hostId: string, id: string, attrs: Record<string, string>) {
  // The engine adds its own attributes to the container's labels; only the labels are labels.
  const labels = Object.fromEntries(Object.entries(attrs).filter(([k]) => !ENGINE_ATTRIBUTES.has(k)));
  return {
    source: 'container' as const,
    hostId,
    container: { id, name: attrs.name ?? id.slice(0, 12) },
    stack: attrs[PROJECT] ?? null,
    labels,
  };
}
