import type { AlertInput, LogRule } from '@harbourmaster/contracts';
import { MAX_LINE, compileLogPattern } from './log-pattern.js';

/** A running container a rule may watch. */
export interface WatchableContainer {
  hostId: string;
  id: string;
  name: string;
  labels: Readonly<Record<string, string>>;
}

export interface LogWatcherDeps {
  rules(): Promise<LogRule[]>;
  /** The running containers of every host. */
  running(): Promise<WatchableContainer[]>;
  /** The container's new log lines from now on, until `signal` aborts or the log ends. */
  follow(hostId: string, id: string, signal: AbortSignal): AsyncIterable<string>;
  raise(alert: AlertInput): void;
  setTimer(fn: () => void, ms: number): { cancel(): void };
  now(): number;
  onError(err: unknown): void;
}

/** At most this many containers are followed at once. */
export const MAX_FOLLOWED = 200;
/** Lines checked per container per second; more are counted and skipped. */
export const LINES_PER_SECOND = 500;
/** Matches are gathered this long before one alert carries a sample of them. */
export const SAMPLE_MS = 2_000;
const SAMPLE_LINES = 5;
const PROJECT = 'com.docker.compose.project';

type Follower = {
  abort: AbortController;
  container: WatchableContainer;
  rules: Array<{ rule: LogRule; re: RegExp }>;
  second: number;
  checked: number;
  skipped: number;
  pending: Map<string, { lines: string[]; count: number; timer: { cancel(): void } }>;
};

/**
 * Follows the live logs of the containers that log-pattern rules name (opt-in, by container or
 * stack) and raises an alert, with a sample of the matching lines, when a rule's pattern matches.
 * The cost is bounded: patterns that could backtrack exponentially are refused when saved, lines
 * are cut to 4 KiB, each container's lines are checked up to a rate, and followers are capped.
 */
export class LogWatcher {
  readonly #followers = new Map<string, Follower>();
  #pending: { cancel(): void } | null = null;
  #closed = false;

  constructor(private readonly deps: LogWatcherDeps) {}

  /** Something changed (a rule, a container started or stopped): re-plan soon, once. */
  changed(): void {
    if (this.#closed || this.#pending) return;
    this.#pending = this.deps.setTimer(() => {
      this.#pending = null;
      void this.reconcile().catch((err: unknown) => this.deps.onError(err));
    }, 300);
  }

  get followed(): number {
    return this.#followers.size;
  }

  /** Starts following what the rules name and is running; stops following the rest. */
  async reconcile(): Promise<void> {
    if (this.#closed) return;
    const rules = (await this.deps.rules()).filter((r) => r.enabled);
    const compiled = rules.flatMap((rule) => {
      try {
        return [{ rule, re: compileLogPattern(rule.pattern, rule.ignoreCase) }];
      } catch {
        return []; // saved before a stricter check: it watches nothing
      }
    });
    const wanted = new Map<string, { container: WatchableContainer; rules: Follower['rules'] }>();
    if (compiled.length > 0)
      for (const c of await this.deps.running()) {
        const mine = compiled.filter(({ rule }) => watches(rule, c));
        if (mine.length > 0 && wanted.size < MAX_FOLLOWED)
          wanted.set(`${c.hostId}/${c.id}`, { container: c, rules: mine });
      }
    for (const [key, f] of this.#followers)
      if (!wanted.has(key)) {
        f.abort.abort();
        this.#followers.delete(key);
      }
    for (const [key, w] of wanted) {
      const existing = this.#followers.get(key);
      if (existing) existing.rules = w.rules;
      else this.start(key, w.container, w.rules);
    }
  }

  close(): void {
    this.#closed = true;
    this.#pending?.cancel();
    for (const f of this.#followers.values()) {
      f.abort.abort();
      for (const p of f.pending.values()) p.timer.cancel();
    }
    this.#followers.clear();
  }

  private start(key: string, container: WatchableContainer, rules: Follower['rules']): void {
    const f: Follower = {
      abort: new AbortController(),
      container,
      rules,
      second: 0,
      checked: 0,
      skipped: 0,
      pending: new Map(),
    };
    this.#followers.set(key, f);
    void (async () => {
      try {
        for await (const line of this.deps.follow(container.hostId, container.id, f.abort.signal))
          this.check(f, line);
      } catch (err) {
        if (!f.abort.signal.aborted) this.deps.onError(err);
      } finally {
        // The log ended (the container stopped): the next start re-plans.
        if (this.#followers.get(key) === f) this.#followers.delete(key);
      }
    })();
  }

  private check(f: Follower, raw: string): void {
    const second = Math.floor(this.deps.now() / 1000);
    if (second !== f.second) {
      f.second = second;
      f.checked = 0;
    }
    if (++f.checked > LINES_PER_SECOND) {
      f.skipped += 1;
      return;
    }
    const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
    for (const { rule, re } of f.rules) {
      if (!re.test(line)) continue;
      const p = f.pending.get(rule.id);
      if (p) {
        p.count += 1;
        if (p.lines.length < SAMPLE_LINES) p.lines.push(line.slice(0, 500));
        continue;
      }
      const entry = {
        lines: [line.slice(0, 500)],
        count: 1,
        timer: this.deps.setTimer(() => {
          f.pending.delete(rule.id);
          this.deps.raise(alertFor(rule, f.container, entry.lines, entry.count, f.skipped));
        }, SAMPLE_MS),
      };
      f.pending.set(rule.id, entry);
    }
  }
}

/** Whether a rule names this container (opt-in: by name or by its Compose project). */
function watches(rule: LogRule, c: WatchableContainer): boolean {
  if (rule.match.hosts?.length && !rule.match.hosts.includes(c.hostId)) return false;
  return (
    (rule.match.containers?.includes(c.name) ?? false) ||
    (rule.match.stacks?.includes(c.labels[PROJECT] ?? '') ?? false)
  );
}

function alertFor(
  rule: LogRule,
  c: WatchableContainer,
  lines: string[],
  count: number,
  skipped: number,
): AlertInput {
  const times = count === 1 ? 'once' : `${count} times`;
  return {
    source: 'log',
    key: `log:${rule.id}:${c.hostId}:${c.id}`,
    kind: 'log.match',
    severity: rule.severity,
    status: 'firing',
    title: `${c.name}: ${rule.name}`,
    message: `The logs of ${c.name} on ${c.hostId} matched /${rule.pattern}/ ${times} in ${SAMPLE_MS / 1000} s.${
      skipped > 0 ? ` ${skipped} lines were not checked (more than ${LINES_PER_SECOND} a second).` : ''
    }`,
    hostId: c.hostId,
    container: { id: c.id, name: c.name },
    stack: c.labels[PROJECT] ?? null,
    labels: { ...c.labels },
    detail: { reason: `matched /${rule.pattern}/`, logTail: lines },
  };
}
