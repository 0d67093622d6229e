import type {
  ContainerInspect,
  ContainerSummary as EngineContainer,
  DockerEngine,
} from '@harbourmaster/engine';
import { EngineError } from '@harbourmaster/engine';
import { dockerStatus, engineTime, type StatusState } from './docker-status.js';

/** One container as the engine listed it, with the state its status text is rendered from. */
export interface InventoryEntry {
  raw: EngineContainer;
  /** From `inspect`; null until read (the engine's own status text is used meanwhile). */
  state: StatusState | null;
  /** The main process on the engine's host (from `inspect`), 0 when not running or not read yet. */
  pid: number;
}

/** Containers refreshed per engine request when many changed at once. */
const REFRESH_BATCH = 200;
/** How often, and how far apart, a container whose list row lags its inspect is read again. */
const LAG_RETRIES = 20;
const LAG_RETRY_MS = 50;
/** Inspects in flight at once: enough to load 1,000 containers in a few seconds, gentle on the engine. */
const INSPECT_CONCURRENCY = 8;

/** The state and, apart, the engine's name for it ("running", "exited", …) as inspect reports it. */
interface ReadState {
  state: StatusState;
  name: string;
  pid: number;
}

function stateOf(inspect: ContainerInspect): StatusState {
  const s = inspect.State;
  const health = s.Health?.Status;
  return {
    running: s.Running,
    paused: s.Paused,
    restarting: s.Restarting,
    dead: s.Dead,
    removing: s.Status === 'removing',
    exitCode: s.ExitCode,
    startedAt: engineTime(s.StartedAt),
    finishedAt: engineTime(s.FinishedAt),
    health: health && health !== 'none' ? health : null,
  };
}

const isNotFound = (err: unknown) => err instanceof EngineError && err.statusCode === 404;

/**
 * One host's containers in memory. Changes arrive as ids to refresh (from the event stream) or as
 * a request to reload everything (on connect and on a slow timer); one worker applies them in
 * order, so a refresh never races a reload. What the engine lists is stored as it is; only the
 * status text is rendered here, from exact start and finish times, so it ages as the engine's does.
 */
export class HostInventory {
  readonly #entries = new Map<string, InventoryEntry>();
  readonly #dirty = new Set<string>();
  #reloadWanted = false;
  #busy = false;
  #stopped = false;
  /** Null once loaded; the reason while the engine could not be read. */
  #error: string | null = 'not loaded yet';
  #loaded = false;
  /** True while a first load is expected (at start and after a reconnect): lists wait for it. */
  #pending = true;
  #waiters: Array<() => void> = [];
  /** Containers whose list row lagged behind their inspect, and how often they were read again. */
  readonly #lagging = new Map<string, number>();
  /** Callers waiting for a container to be read again, by id. */
  readonly #synced = new Map<string, Array<() => void>>();
  /** Bumped on every change, so replies built from the inventory know when they are stale. */
  revision = 0;

  constructor(
    private readonly engine: () => DockerEngine,
    private readonly onChange: () => void,
    private readonly onError: (err: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the first reload since the last connection has finished. */
  get loaded(): boolean {
    return this.#loaded;
  }

  get error(): string | null {
    return this.#error;
  }

  entries(): IterableIterator<InventoryEntry> {
    return this.#entries.values();
  }

  /** Asks for a full reload; `reset` also forgets that the inventory was loaded (a new connection). */
  reload(reset = false): void {
    if (reset) {
      this.#loaded = false;
      this.#pending = true;
    }
    this.#reloadWanted = true;
    this.kick();
  }

  /** Asks for one container to be read again. */
  touch(id: string): void {
    this.#dirty.add(id);
    this.kick();
  }

  /**
   * Reads one container again now and resolves once it is current (or after `timeoutMs`), so a
   * change made through the API shows in the next list. `ref` is an id, a unique id prefix or a name.
   */
  sync(ref: string, timeoutMs: number): Promise<void> {
    const id = this.resolve(ref) ?? ref;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      const list = this.#synced.get(id) ?? [];
      list.push(done);
      this.#synced.set(id, list);
      this.touch(id);
    });
  }

  /** The full id of the container an id, a name or a unique id prefix names, if it is here. */
  resolve(ref: string): string | undefined {
    if (this.#entries.has(ref)) return ref;
    const matches: string[] = [];
    for (const [id, { raw }] of this.#entries) {
      if (raw.Names.includes(`/${ref}`)) return id;
      if (id.startsWith(ref)) matches.push(id);
    }
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** Marks the host unreachable: lists report the error until the next reload succeeds. */
  disconnected(error: string): void {
    this.#loaded = false;
    this.#pending = false;
    this.#error = error;
    this.release();
    this.changed();
  }

  /** Resolves once loaded, or when loading failed, or after `timeoutMs`; at once when not loading. */
  async ready(timeoutMs: number): Promise<void> {
    if (this.#loaded || !this.#pending) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#waiters.push(done);
    });
  }

  stop(): void {
    this.#stopped = true;
    this.release();
    this.releaseSynced([...this.#synced.keys()]);
  }

  private release(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  private takeSynced(ids: Iterable<string>): Array<() => void> {
    const taken: Array<() => void> = [];
    for (const id of ids) {
      taken.push(...(this.#synced.get(id) ?? []));
      this.#synced.delete(id);
    }
    return taken;
  }

  private releaseSynced(ids: Iterable<string>): void {
    for (const done of this.takeSynced(ids)) done();
  }

  private changed(): void {
    this.revision++;
    this.onChange();
  }

  private kick(): void {
    if (this.#busy || this.#stopped) return;
    this.#busy = true;
    void this.drain().finally(() => {
      this.#busy = false;
    });
  }

  private async drain(): Promise<void> {
    while (!this.#stopped && (this.#reloadWanted || this.#dirty.size > 0)) {
      let waiting: Array<() => void> = [];
      try {
        if (this.#reloadWanted) {
          this.#reloadWanted = false;
          await this.reloadAll();
          this.#loaded = true;
          this.#pending = false;
          this.#error = null;
          this.release();
          this.changed();
        } else {
          const ids = [...this.#dirty].slice(0, REFRESH_BATCH);
          for (const id of ids) this.#dirty.delete(id);
          // Only callers that asked before this read began may be told it is current.
          waiting = this.takeSynced(ids);
          await this.refresh(ids);
          for (const done of waiting.splice(0)) done();
        }
      } catch (err) {
        // The engine went away mid-way: the next connection reloads everything anyway.
        this.#reloadWanted = false;
        this.#pending = false;
        this.#dirty.clear();
        this.#error = err instanceof Error ? err.message : String(err);
        this.onError(err);
        this.release();
        this.releaseSynced([...this.#synced.keys()]);
        for (const done of waiting) done();
        return;
      }
    }
  }

  private async reloadAll(): Promise<void> {
    const listed = await this.engine().listContainers({ all: true });
    const now = this.now();
    // A state or status that differs from ours means events were missed: read its times again.
    const stale = listed
      .filter((raw) => {
        const known = this.#entries.get(raw.Id);
        return (
          !known?.state || known.raw.State !== raw.State || dockerStatus(known.state, now) !== raw.Status
        );
      })
      .map((raw) => raw.Id);
    const states = await this.readStates(stale);
    const seen = new Set<string>();
    for (const raw of listed) {
      seen.add(raw.Id);
      this.apply(
        raw.Id,
        raw,
        states.has(raw.Id) ? states.get(raw.Id)! : (this.#entries.get(raw.Id)?.state ?? null),
      );
    }
    for (const id of [...this.#entries.keys()]) if (!seen.has(id)) this.#entries.delete(id);
    this.changed();
  }

  private async refresh(ids: string[]): Promise<void> {
    const listed = await this.engine().listContainers({ all: true, filters: { id: ids } });
    const byId = new Map(listed.map((c) => [c.Id, c]));
    const states = await this.readStates(ids.filter((id) => byId.has(id)));
    for (const id of ids) {
      const raw = byId.get(id);
      if (raw) this.apply(id, raw, states.get(id) ?? 'gone');
      else this.#entries.delete(id);
    }
    this.changed();
  }

  /**
   * Stores what the list and the inspect said together, so a row never mixes two moments. The
   * engine's list is a copy it updates a moment after its events (a container that has just died
   * can still list as running while inspect says exited): when the two disagree the container is
   * read again shortly, until they agree.
   */
  private apply(id: string, raw: EngineContainer, read: ReadState | StatusState | null | 'gone'): void {
    if (read === 'gone') {
      this.#entries.delete(id);
      return;
    }
    const fresh = read !== null && 'name' in read;
    const pid = fresh ? read.pid : (this.#entries.get(id)?.pid ?? 0);
    this.#entries.set(id, { raw, state: fresh ? read.state : read, pid });
    const retries = this.#lagging.get(id) ?? 0;
    if (fresh && read.name !== raw.State && retries < LAG_RETRIES) {
      this.#lagging.set(id, retries + 1);
      setTimeout(() => this.touch(id), LAG_RETRY_MS).unref();
    } else this.#lagging.delete(id);
  }

  /** The state of each container, or 'gone' for one removed since it was listed. */
  private async readStates(ids: string[]): Promise<Map<string, ReadState | 'gone'>> {
    const states = new Map<string, ReadState | 'gone'>();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        try {
          const inspect = await this.engine().inspectContainer(id);
          states.set(id, { state: stateOf(inspect), name: inspect.State.Status, pid: inspect.State.Pid });
        } catch (err) {
          // Removed between the list and the inspect: its destroy event follows.
          if (!isNotFound(err)) throw err;
          states.set(id, 'gone');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(INSPECT_CONCURRENCY, ids.length) }, worker));
    return states;
  }
}
