import type { DockerEngine, EngineEvent } from '@harbourmaster/engine';
import type { EventBus } from '../../events/event-bus.js';
import type { Logger } from '../../config/logger.js';
import { HostInventory, type InventoryEntry } from './host-inventory.js';

/** Container events that change nothing a list shows. */
const QUIET_ACTIONS = new Set([
  'attach',
  'detach',
  'resize',
  'top',
  'export',
  'commit',
  'copy',
  'archive-path',
  'extract-to-dir',
]);
/** Image events after which a container's `Image` may read differently (a tag moved or went). */
const IMAGE_ACTIONS = new Set(['tag', 'untag', 'delete', 'import', 'load', 'pull']);
/** How long a list waits for a host's first load before reporting it as not ready. */
const READY_TIMEOUT_MS = 10_000;

/** The longest an API action waits for the inventory to show its result. */
const SYNC_TIMEOUT_MS = 5_000;

export interface InventoryOptions {
  /** How often every host is reloaded whole, to catch anything the event stream missed. */
  reconcileMs: number;
  now?: () => number;
}

/** What a list reads: a host's containers, or why there are none. */
export type HostContainers =
  { hostId: string; ok: true; entries: InventoryEntry[] } | { hostId: string; ok: false; error: string };

/**
 * Every host's containers, kept in memory by the event stream the daemon already follows and
 * reloaded on connect and on a slow timer, so lists and the dashboard never ask the engine.
 */
export class ContainerInventory {
  readonly #hosts = new Map<string, HostInventory>();
  readonly #unsubscribe: Array<() => void> = [];
  #timer: NodeJS.Timeout | undefined;
  #revision = 0;

  constructor(
    private readonly engines: { engine(hostId: string): DockerEngine },
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly opts: InventoryOptions,
  ) {}

  /** Changes on every change of any host's containers. */
  get revision(): number {
    return this.#revision;
  }

  start(): void {
    this.#unsubscribe.push(
      this.bus.on('host.status', ({ hostId, reachable, error }) => {
        if (reachable) this.host(hostId).reload(true);
        else this.host(hostId).disconnected(error ?? 'unreachable');
      }),
      this.bus.on('engine.event', ({ hostId, event }) => this.apply(this.host(hostId), event)),
    );
    this.#timer = setInterval(() => {
      for (const inv of this.#hosts.values()) if (inv.loaded) inv.reload();
    }, this.opts.reconcileMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    for (const off of this.#unsubscribe.splice(0)) off();
    for (const inv of this.#hosts.values()) inv.stop();
  }

  /** The containers of one host, waiting (briefly) for its first load. */
  async containers(hostId: string): Promise<HostContainers> {
    const inv = this.host(hostId);
    await inv.ready(READY_TIMEOUT_MS);
    if (!inv.loaded) return { hostId, ok: false, error: inv.error ?? 'the engine has not answered yet' };
    return { hostId, ok: true, entries: [...inv.entries()] };
  }

  /** The full id of the container `ref` (an id, a name or a unique id prefix) names on a host, once loaded. */
  async resolve(hostId: string, ref: string): Promise<string | undefined> {
    const inv = this.host(hostId);
    await inv.ready(READY_TIMEOUT_MS);
    return inv.resolve(ref);
  }

  /** Reads one container again and resolves once the next list shows it as it is now. */
  sync(hostId: string, ref: string): Promise<void> {
    return this.host(hostId).sync(ref, SYNC_TIMEOUT_MS);
  }

  private host(hostId: string): HostInventory {
    let inv = this.#hosts.get(hostId);
    if (!inv) {
      inv = new HostInventory(
        () => this.engines.engine(hostId),
        () => this.#revision++,
        (err) => this.log.warn({ host: hostId, err }, 'could not read the containers; retrying on reconnect'),
        this.opts.now,
      );
      this.#hosts.set(hostId, inv);
    }
    return inv;
  }

  private apply(inv: HostInventory, event: EngineEvent): void {
    if (event.Type === 'container') {
      const action = event.Action.split(':')[0] ?? event.Action;
      // A destroy is read again like any change (the engine no longer lists it, so it goes): removing
      // it here at once could be undone by a read of it already in flight.
      if (!QUIET_ACTIONS.has(action) && !action.startsWith('exec_')) inv.touch(event.Actor.ID);
    } else if (event.Type === 'network' && (event.Action === 'connect' || event.Action === 'disconnect')) {
      const id = event.Actor.Attributes.container;
      if (id) inv.touch(id);
    } else if (event.Type === 'image' && IMAGE_ACTIONS.has(event.Action)) {
      inv.reload();
    }
  }
}
