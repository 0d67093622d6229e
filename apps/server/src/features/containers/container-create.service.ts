import { z } from 'zod';
import {
  EngineError,
  type ContainerInspect,
  type ContainerSummary as EngineContainer,
} from '@harbourmaster/engine';
import type { ContainerCreateRequest } from '@harbourmaster/contracts';
import type { IntentProgress } from '../audit/audited.js';
import type { InterruptedIntent } from '../audit/audit.service.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { TagStore } from '../tags/tag-store.js';
import { HttpError } from '../../http/http-errors.js';
import {
  dangerousOptions,
  exactNameFilter,
  findPortCollisions,
  hasExactName,
  type CreateProblem,
} from './create-checks.js';
import { toCreateBody } from './create-body.js';

export interface CreateDeps {
  hosts: Pick<HostRegistry, 'get' | 'engine'>;
  tags: Pick<TagStore, 'set'>;
  /** Whether a path exists on a host; null when it cannot be checked from here (the engine checks then). */
  pathExists: (hostId: string, path: string) => Promise<boolean | null>;
}

const BUILT_IN_NETWORKS = new Set(['host', 'none', 'bridge', 'default']);

/** A problem with the status and code the create call answers with when it is the first one. */
export interface CheckedProblem extends CreateProblem {
  status: number;
  code: string;
}

/**
 * What an interrupted create needs to be finished at the next start: the name and image asked for,
 * the tags to apply, and the container's id once the engine has answered (for unnamed creates).
 */
const createResumeSchema = z.object({
  name: z.string().nullable(),
  image: z.string(),
  tags: z.array(z.string()),
  /** Set once the checks passed and the engine is asked: before that, nothing can have been made. */
  creating: z.boolean().optional(),
  containerId: z.string().optional(),
});
export type CreateResume = z.infer<typeof createResumeSchema>;

/** The resume data of a create request, stored with its audit intent. */
export function createResume(req: ContainerCreateRequest): CreateResume {
  return { name: req.name ?? null, image: req.image, tags: req.tags };
}

function invalid(field: string, message: string): CheckedProblem {
  return { status: 400, code: 'validation', field, message };
}

/**
 * Creates (and by default starts) a container after checking everything that would make it fail or
 * endanger the host. Nothing is created unless every check passes; a container that fails to start
 * is removed again.
 */
export class ContainerCreateService {
  constructor(private readonly deps: CreateDeps) {}

  /**
   * Every reason the request would fail or endanger the host, in the order a person should fix them,
   * without creating anything (the create wizard shows them inline before submit).
   */
  async check(hostId: string, req: ContainerCreateRequest): Promise<CheckedProblem[]> {
    const engine = this.deps.hosts.engine(hostId);
    const problems: CheckedProblem[] = [];
    const danger = dangerousOptions(req);
    if (danger.length > 0 && !req.confirmDangerous) {
      problems.push({
        status: 400,
        code: 'validation',
        field: 'confirmDangerous',
        message: `confirm to go ahead: ${danger.join('; ')}`,
      });
    }
    problems.push(...(await this.checkImage(hostId, req.image)));
    if (req.name) problems.push(...(await this.checkNameFree(hostId, req.name)));
    problems.push(...(await this.checkNetwork(hostId, req.network)));
    problems.push(...(await this.checkMountSources(hostId, req)));
    const collisions = findPortCollisions(req, await engine.listContainers({ all: true }));
    problems.push(...collisions.map((c) => ({ ...c, status: 409, code: 'port_conflict' })));
    return problems;
  }

  /** `progress` learns the new container's id as soon as the engine gives it, for the reconcile. */
  async create(
    hostId: string,
    req: ContainerCreateRequest,
    progress?: IntentProgress,
  ): Promise<{ id: string; name: string; started: boolean; warnings: string[] }> {
    const engine = this.deps.hosts.engine(hostId);
    const [first] = await this.check(hostId, req);
    if (first) throw new HttpError(first.status, first.code, `${first.field}: ${first.message}`, first.field);

    await progress?.note({ creating: true });
    const created = await engine.createContainer(req.name, toCreateBody(req)).catch((err: unknown) => {
      throw translateCreateError(err);
    });
    await progress?.note({ containerId: created.Id });
    const inspect = await engine.inspectContainer(created.Id);
    const name = inspect.Name.replace(/^\//, '');
    if (req.start) {
      try {
        await engine.startContainer(created.Id);
      } catch (err) {
        await engine.removeContainer(created.Id, { force: true, volumes: true }).catch(() => undefined);
        throw translateCreateError(err, 'the container was created but could not start, so it was removed');
      }
    }
    if (req.tags.length > 0) await this.deps.tags.set(hostId, 'container', name, req.tags);
    return { id: created.Id, name, started: req.start, warnings: created.Warnings ?? [] };
  }

  /**
   * Finishes a create the daemon was stopped in the middle of: finds the container it made (by the
   * id noted, or else by the exact name asked for, with the image asked for) and applies the tags
   * the request carried. Starting it is left to a person: the request's outcome is unknown.
   */
  async finishInterrupted(intent: InterruptedIntent): Promise<Record<string, unknown>> {
    const resume = createResumeSchema.safeParse(intent.resume);
    if (!intent.hostId || !resume.success) return { outcome: 'unknown', note: 'no create details recorded' };
    const r = resume.data;
    if (!r.creating) return { outcome: 'not-created', note: 'stopped before the engine was asked' };
    if (!r.containerId && !r.name) {
      return {
        outcome: 'unknown',
        note: 'created without a name before the engine answered; cannot be matched',
      };
    }
    const inspect = await this.findCreated(intent.hostId, r);
    if (!inspect)
      return {
        outcome: 'not-created',
        note: `no container ${r.name ?? r.containerId} with image ${r.image}`,
      };
    const name = inspect.Name.replace(/^\//, '');
    if (r.tags.length > 0) await this.deps.tags.set(intent.hostId, 'container', name, r.tags);
    return {
      outcome: 'completed',
      containerId: inspect.Id,
      name,
      state: inspect.State.Status,
      tags: r.tags,
    };
  }

  private async findCreated(hostId: string, r: CreateResume): Promise<ContainerInspect | null> {
    const ref = r.containerId ?? (r.name ? (await this.findByName(hostId, r.name))?.Id : undefined);
    if (!ref) return null;
    try {
      const inspect = await this.deps.hosts.engine(hostId).inspectContainer(ref);
      // A container of that name running another image is someone else's, made after the crash.
      return inspect.Config.Image === r.image ? inspect : null;
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return null;
      throw err;
    }
  }

  private async checkImage(hostId: string, image: string): Promise<CheckedProblem[]> {
    try {
      await this.deps.hosts.engine(hostId).inspectImage(image);
      return [];
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) {
        return [invalid('image', `image ${image} is not on host ${hostId}; pull it first`)];
      }
      throw err;
    }
  }

  /** Exact names only: inspecting by name would also match id prefixes (and fail on ambiguous ones). */
  private async checkNameFree(hostId: string, name: string): Promise<CheckedProblem[]> {
    const found = await this.findByName(hostId, name);
    if (!found) return [];
    return [
      {
        status: 409,
        code: 'conflict',
        field: 'name',
        message: `a container named ${name} already exists on host ${hostId}`,
      },
    ];
  }

  /** The container named exactly `name` on the host, if there is one. */
  private async findByName(hostId: string, name: string): Promise<EngineContainer | undefined> {
    const listed = await this.deps.hosts
      .engine(hostId)
      .listContainers({ all: true, filters: exactNameFilter(name) });
    return listed.find((c) => hasExactName(c, name));
  }

  private async checkNetwork(hostId: string, network: string | undefined): Promise<CheckedProblem[]> {
    if (!network || BUILT_IN_NETWORKS.has(network)) return [];
    const nets = await this.deps.hosts.engine(hostId).listNetworks();
    return nets.some((n) => n.Name === network || n.Id === network)
      ? []
      : [invalid('network', `no network ${network} on host ${hostId}`)];
  }

  private async checkMountSources(hostId: string, req: ContainerCreateRequest): Promise<CheckedProblem[]> {
    const problems: CheckedProblem[] = [];
    for (const [i, m] of req.mounts.entries()) {
      if (m.type !== 'bind') continue;
      const exists = await this.deps.pathExists(hostId, m.source);
      if (exists === false)
        problems.push(
          invalid(`mounts.${i}.source`, `host path ${m.source} does not exist on host ${hostId}`),
        );
    }
    return problems;
  }
}

/** The engine's create errors name no field; attach the one a person has to change where we can tell. */
function translateCreateError(err: unknown, prefix?: string): unknown {
  if (!(err instanceof EngineError)) return err;
  const msg = prefix ? `${prefix}: ${err.message}` : err.message;
  if (/bind source path does not exist/i.test(err.message))
    return new HttpError(400, 'validation', msg, 'mounts');
  if (/port is already allocated|address already in use/i.test(err.message))
    return new HttpError(409, 'port_conflict', msg, 'ports');
  if (/already in use by container|Conflict\. The container name/i.test(err.message))
    return new HttpError(409, 'conflict', msg, 'name');
  if (err.statusCode === 400) return new HttpError(400, 'validation', msg);
  return prefix ? new EngineError(err.statusCode, msg) : err;
}
