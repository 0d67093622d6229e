import type { ContainerSummary as EngineContainer, DockerEngine } from '@harbourmaster/engine';
import { EngineError } from '@harbourmaster/engine';
import type { ContainerAction, ContainerSummary } from '@harbourmaster/contracts';
import type { ContainerInventory } from '../inventory/container-inventory.js';
import type { EncodedBody } from '../../http/encoded-body.js';
import { ReplyCache } from '../../http/reply-cache.js';
import { listRows, sortRows, type ContainerListFilter, type ContainerListReply } from './container-list.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { TagStore } from '../tags/tag-store.js';
import { containerName, toContainerSummary } from './container-mapper.js';
import type { IconStore } from '../icons/icon-store.js';

export type BulkAction = ContainerAction | 'remove';

export interface BulkResult {
  host: string;
  id: string;
  ok: boolean;
  error?: string;
}

/** Status texts have a resolution of one second, so a list reply is good for that long. */
const LIST_MAX_AGE_MS = 1000;
/** Distinct queries kept (filters and searches); the oldest goes first. */
const LIST_CACHE_ENTRIES = 64;

export type { ContainerListFilter };

/** The engine's 304 "already started/stopped" is success for us: the container is in the wanted state. */
function ignoreNotModified(err: unknown): void {
  if (err instanceof EngineError && err.statusCode === 304) return;
  throw err;
}

/** Container reads and lifecycle actions across hosts. */
export class ContainerService {
  readonly #replies = new ReplyCache(LIST_MAX_AGE_MS, LIST_CACHE_ENTRIES);

  constructor(
    private readonly hosts: Pick<HostRegistry, 'list' | 'get' | 'engine'>,
    private readonly inventory: Pick<ContainerInventory, 'containers' | 'revision' | 'sync'>,
    private readonly tags: Pick<TagStore, 'byTarget' | 'get' | 'revision'>,
    private readonly icons: Pick<IconStore, 'sources' | 'revision'>,
    private readonly now: () => number = Date.now,
    /** Told before a container is stopped, restarted, killed or removed here: its exit is asked for. */
    private readonly onIntent: (hostId: string, ref: string, action: string) => void = () => undefined,
  ) {}

  /** Lists containers of every host (or one) from memory; a host that fails is reported, not fatal. */
  async list(filter: ContainerListFilter): Promise<ContainerListReply> {
    const targets = filter.host
      ? [this.hosts.get(filter.host).host.id]
      : this.hosts.list().map((h) => h.host.id);
    const [hostLists, tags, icons] = await Promise.all([
      Promise.all(targets.map((id) => this.inventory.containers(id))),
      this.tags.byTarget('container'),
      this.icons.sources(),
    ]);
    const now = this.now();
    const hostErrors: ContainerListReply['hostErrors'] = [];
    const rows: ContainerSummary[] = [];
    for (const list of hostLists) {
      if (list.ok) rows.push(...listRows(list.hostId, list.entries, filter, { tags, icons }, now));
      else hostErrors.push({ hostId: list.hostId, message: list.error });
    }
    return { containers: sortRows(rows), hostErrors };
  }

  /**
   * The list reply serialised, shared by every request for the same query until a container, tag
   * or icon changes, or for at most a second (status texts such as "Up 5 seconds" age).
   */
  listBody(filter: ContainerListFilter): Promise<EncodedBody> {
    const stamp = `${this.inventory.revision}/${this.tags.revision}/${this.icons.revision}/${this.hosts.list().length}`;
    return this.#replies.get(JSON.stringify(filter), stamp, () => this.list(filter));
  }

  async inspect(hostId: string, id: string) {
    const inspect = await this.hosts.engine(hostId).inspectContainer(id);
    const name = inspect.Name.replace(/^\//, '');
    const [tags, icons, image] = await Promise.all([
      this.tags.get(hostId, 'container', name),
      this.icons.sources(),
      // The image may be gone (removed with force while the container stayed): no digest then.
      this.hosts
        .engine(hostId)
        .inspectImage(inspect.Image)
        .catch(() => null),
    ]);
    return {
      inspect,
      tags,
      icon: icons.get(`${hostId}/${name}`) ?? null,
      imageDigests: image?.RepoDigests ?? [],
    };
  }

  /** One summary, found by id or name; 404 when it does not exist. */
  async summary(hostId: string, id: string): Promise<ContainerSummary> {
    const engine = this.hosts.engine(hostId);
    const inspect = await engine.inspectContainer(id);
    const [c] = await engine.listContainers({ all: true, filters: { id: [inspect.Id] } });
    if (!c) throw new EngineError(404, `no container ${id}`);
    const icon = (await this.icons.sources()).get(`${hostId}/${containerName(c)}`) ?? null;
    return toContainerSummary(hostId, c, await this.tags.get(hostId, 'container', containerName(c)), icon);
  }

  /** Waits until the list shows a container as the engine has it now (after a change made here). */
  settle(hostId: string, id: string): Promise<void> {
    return this.inventory.sync(hostId, id);
  }

  async act(hostId: string, id: string, action: ContainerAction): Promise<void> {
    if (action === 'stop' || action === 'restart' || action === 'kill') this.onIntent(hostId, id, action);
    await runAction(this.hosts.engine(hostId), id, action).catch(ignoreNotModified);
    await this.settle(hostId, id);
  }

  async remove(hostId: string, id: string, opts: { force: boolean; volumes: boolean }): Promise<void> {
    this.onIntent(hostId, id, 'remove');
    await this.hosts.engine(hostId).removeContainer(id, opts);
    await this.settle(hostId, id);
  }

  /** Runs one action on many containers, a few at a time; each target gets its own result. */
  async bulk(
    action: BulkAction,
    targets: ReadonlyArray<{ host: string; id: string }>,
    force: boolean,
  ): Promise<BulkResult[]> {
    const results: BulkResult[] = new Array<BulkResult>(targets.length);
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const i = next++;
        const t = targets[i]!;
        try {
          if (action === 'remove') await this.remove(t.host, t.id, { force, volumes: false });
          else await this.act(t.host, t.id, action);
          results[i] = { host: t.host, id: t.id, ok: true };
        } catch (err) {
          results[i] = {
            host: t.host,
            id: t.id,
            ok: false,
            error: err instanceof Error ? err.message : String(err),
          };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, targets.length) }, worker));
    return results;
  }
}

function runAction(engine: DockerEngine, id: string, action: ContainerAction): Promise<void> {
  switch (action) {
    case 'start':
      return engine.startContainer(id);
    case 'stop':
      return engine.stopContainer(id);
    case 'restart':
      return engine.restartContainer(id);
    case 'kill':
      return engine.killContainer(id);
    case 'pause':
      return engine.pauseContainer(id);
    case 'unpause':
      return engine.unpauseContainer(id);
  }
}

export type { EngineContainer };
