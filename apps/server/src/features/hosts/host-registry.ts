import type { DockerEngine } from '@harbourmaster/engine';
import type { HostStatus } from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import type { EventBus } from '../../events/event-bus.js';
import type { Logger } from '../../config/logger.js';
import { notFound } from '../../http/http-errors.js';
import { containerStateEvent } from './container-state-event.js';
import type { EngineLinkFactory, EngineTarget } from '../../adapters/engine/engine-link.js';

export type { EngineLinkFactory };

/** A host as stored: where its engine is, and its name in the panel. */
export interface HostRow extends EngineTarget {
  name: string;
}

export interface HostConnection {
  host: HostRow;
  engine: DockerEngine;
  status: HostStatus;
}

interface Entry extends HostConnection {
  unfollow: () => void;
}

/**
 * Holds one engine connection per host and its reachability. Reachability follows the event stream:
 * connected means reachable, and the follower's own reconnects bring a host back by itself.
 */
export class HostRegistry {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly linkFor: EngineLinkFactory,
    private readonly now: () => number = Date.now,
  ) {}

  /** Registers the local engine as host `local` on first start, then connects every host. */
  async start(localUrl: string): Promise<void> {
    const t = this.now();
    const kind = localUrl.startsWith('unix://') ? 'socket' : 'tcp';
    await this.db
      .insertInto('hosts')
      .values({ id: 'local', name: 'local', kind, url: localUrl, created_at: t, updated_at: t })
      .onConflict((oc) => oc.column('id').doUpdateSet({ url: localUrl, kind, updated_at: t }))
      .execute();
    const rows = await this.db
      .selectFrom('hosts')
      .select(['id', 'name', 'kind', 'url'])
      .orderBy('id')
      .execute();
    for (const row of rows) this.connect({ ...row, kind: row.kind as HostRow['kind'] });
  }

  private connect(host: HostRow): void {
    const link = this.linkFor(host);
    const entry: Entry = {
      host,
      engine: link.engine,
      status: {
        reachable: false,
        error: 'connecting',
        engineVersion: null,
        apiVersion: null,
        lastSeenAt: null,
      },
      unfollow: () => undefined,
    };
    this.#entries.set(host.id, entry);
    entry.unfollow = link.follow({
      onEvent: (event) => {
        entry.status.lastSeenAt = this.now();
        this.bus.emit('engine.event', { hostId: host.id, event });
        const state = containerStateEvent(host.id, event);
        if (state) this.bus.emit('container.state', state);
      },
      onConnected: () => {
        entry.status = { ...entry.status, reachable: true, error: null, lastSeenAt: this.now() };
        this.log.info({ host: host.id, url: host.url }, 'engine connected');
        this.bus.emit('host.status', { hostId: host.id, reachable: true, error: null });
        void this.refreshVersion(entry);
      },
      onDisconnected: (error) => {
        const wasReachable = entry.status.reachable;
        entry.status = { ...entry.status, reachable: false, error };
        if (wasReachable || entry.status.lastSeenAt === null) {
          this.log.warn(
            { host: host.id, url: host.url, error },
            'engine unreachable; reconnecting in the background',
          );
        }
        this.bus.emit('host.status', { hostId: host.id, reachable: false, error });
      },
    });
  }

  private async refreshVersion(entry: Entry): Promise<void> {
    try {
      const [v, api] = await Promise.all([entry.engine.version(), entry.engine.apiVersion()]);
      entry.status = { ...entry.status, engineVersion: v.Version, apiVersion: api };
    } catch (err) {
      this.log.warn({ host: entry.host.id, err }, 'could not read the engine version');
    }
  }

  list(): HostConnection[] {
    return [...this.#entries.values()].map(({ host, engine, status }) => ({
      host,
      engine,
      status: { ...status },
    }));
  }

  /** The host's connection; 404 for an unknown host. */
  get(hostId: string): HostConnection {
    const entry = this.#entries.get(hostId);
    if (!entry) throw notFound(`no host ${hostId}`);
    return entry;
  }

  /**
   * The host's engine; 404 for an unknown host. Calls on an unreachable engine fail with
   * `EngineUnreachableError` (503) from the transport itself, so a returning engine works at once.
   */
  engine(hostId: string): DockerEngine {
    return this.get(hostId).engine;
  }

  async stop(): Promise<void> {
    for (const entry of this.#entries.values()) entry.unfollow();
    await Promise.allSettled([...this.#entries.values()].map((e) => e.engine.close()));
    this.#entries.clear();
  }
}
