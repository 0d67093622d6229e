import type { ContainerSummary as EngineContainer, EngineFilters } from '@harbourmaster/engine';
import type { ContainerCreateRequest } from '@harbourmaster/contracts';
import { containerName } from './container-mapper.js';

/** A problem with a create request, tied to the field a person has to change. */
export interface CreateProblem {
  field: string;
  message: string;
}

const WILDCARD = new Set(['', '0.0.0.0', '::']);

function ipsOverlap(a: string, b: string): boolean {
  return WILDCARD.has(a) || WILDCARD.has(b) || a === b;
}

/**
 * Host ports the request wants that another container already publishes (or that the request
 * itself asks for twice). Containers are the engine's live list; only running ones hold ports.
 */
export function findPortCollisions(
  req: Pick<ContainerCreateRequest, 'ports'>,
  containers: readonly EngineContainer[],
): CreateProblem[] {
  const problems: CreateProblem[] = [];
  const taken = containers
    .filter((c) => c.State === 'running' || c.State === 'restarting' || c.State === 'paused')
    .flatMap((c) =>
      c.Ports.filter((p) => p.PublicPort).map((p) => ({
        ip: p.IP ?? '',
        port: p.PublicPort!,
        proto: p.Type,
        owner: containerName(c),
      })),
    );
  req.ports.forEach((p, i) => {
    if (p.hostPort === undefined) return;
    const ip = p.hostIp ?? '';
    const clash = taken.find((t) => t.port === p.hostPort && t.proto === p.protocol && ipsOverlap(t.ip, ip));
    if (clash) {
      problems.push({
        field: `ports.${i}.hostPort`,
        message: `host port ${p.hostPort}/${p.protocol} is already published by container ${clash.owner}`,
      });
      return;
    }
    const twin = req.ports.findIndex(
      (q, j) =>
        j < i && q.hostPort === p.hostPort && q.protocol === p.protocol && ipsOverlap(q.hostIp ?? '', ip),
    );
    if (twin >= 0)
      problems.push({
        field: `ports.${i}.hostPort`,
        message: `host port ${p.hostPort}/${p.protocol} is also asked for by ports.${twin}`,
      });
  });
  return problems;
}

const SOCKET_PATH = /(^|\/)docker\.sock$|^\/var\/run\/docker$|^\/run\/docker$/;

/** What makes the container able to take over its host; each needs `confirmDangerous`. */
export function dangerousOptions(req: ContainerCreateRequest): string[] {
  const reasons: string[] = [];
  if (req.privileged) reasons.push('privileged mode gives the container full access to the host');
  if (req.network === 'host')
    reasons.push('the host network lets the container use every host port and interface');
  if (req.pidMode === 'host')
    reasons.push("the host PID namespace lets the container see and signal the host's processes");
  req.mounts.forEach((m) => {
    if (m.type === 'bind' && SOCKET_PATH.test(m.source.replace(/\/+$/, ''))) {
      reasons.push(`mounting ${m.source} gives the container control of the Docker engine`);
    }
  });
  return reasons;
}

/**
 * A list filter for containers named exactly `name`. The engine's `name` filter is an unanchored
 * regular expression over `/name`, so the name is escaped and anchored; callers still compare with
 * `hasExactName`, because the engine, not we, decides how the expression is read.
 */
export function exactNameFilter(name: string): EngineFilters {
  return { name: [`^/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`] };
}

/** Whether a listed container has exactly this name (the engine lists names with a leading slash). */
export function hasExactName(c: Pick<EngineContainer, 'Names'>, name: string): boolean {
  return c.Names.includes(`/${name}`);
}
