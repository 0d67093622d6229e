import type { ContainerSummary as EngineContainer, DockerEngine, EngineFilters } from '@harbourmaster/engine';
import { EngineError } from '@harbourmaster/engine';
import type { ContainerAction, ContainerSummary } from '@harbourmaster/contracts';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { TagStore } from '../tags/tag-store.js';
import { containerName, toContainerSummary } from './container-mapper.js';
import type { IconStore } from '../icons/icon-store.js';

export interface ContainerListFilter {
  host?: string | undefined;
  all: boolean;
  state?: string | undefined;
  q?: string | undefined;
  label?: string | undefined;
  project?: string | undefined;
  tag?: string | undefined;
}

export type BulkAction = ContainerAction | 'remove';

export interface BulkResult {
  host: string;
  id: string;
  ok: boolean;
  error?: string;
}

/** The engine's 304 "already started/stopped" is success for us: the container is in the wanted state. */
function ignoreNotModified(err: unknown): void {
  if (err instanceof EngineError && err.statusCode === 304) return;
  throw err;
}

/** Container reads and lifecycle actions across hosts. */
export class ContainerService {
  constructor(
    private readonly hosts: Pick<HostRegistry, 'list' | 'get' | 'engine'>,
    private readonly tags: Pick<TagStore, 'byTarget' | 'get'>,
    private readonly icons: Pick<IconStore, 'sources'>,
  ) {}

  /** Lists containers of every host (or one); a host that fails is reported, not fatal. */
  async list(filter: ContainerListFilter) {
    const targets = filter.host ? [this.hosts.get(filter.host)] : this.hosts.list();
    const filters: EngineFilters = {};
    if (filter.state) filters.status = [filter.state];
    if (filter.label) filters.label = [filter.label];
    if (filter.project)
      filters.label = [...(filters.label ?? []), `com.docker.compose.project=${filter.project}`];
    const [tagMap, iconMap] = await Promise.all([this.tags.byTarget('container'), this.icons.sources()]);
    const hostErrors: Array<{ hostId: string; message: string }> = [];
    const lists = await Promise.all(
      targets.map(async ({ host, engine }) => {
        try {
          const raw = await engine.listContainers({ all: filter.all, filters });
          return raw.map((c) =>
            toContainerSummary(
              host.id,
              c,
              tagMap.get(`${host.id}/${containerName(c)}`) ?? [],
              iconMap.get(`${host.id}/${containerName(c)}`) ?? null,
            ),
          );
        } catch (err) {
          hostErrors.push({ hostId: host.id, message: err instanceof Error ? err.message : String(err) });
          return [];
        }
      }),
    );
    const q = filter.q?.toLowerCase();
    const containers = lists
      .flat()
      .filter((c) => !q || c.name.toLowerCase().includes(q) || c.image.toLowerCase().includes(q))
      .filter((c) => !filter.tag || c.tags.includes(filter.tag))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { containers, hostErrors };
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

  async act(hostId: string, id: string, action: ContainerAction): Promise<void> {
    await runAction(this.hosts.engine(hostId), id, action).catch(ignoreNotModified);
  }

  async remove(hostId: string, id: string, opts: { force: boolean; volumes: boolean }): Promise<void> {
    await this.hosts.engine(hostId).removeContainer(id, opts);
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
