import type { ContainerSummary as EngineContainer } from '@harbourmaster/engine';
import {
  containerStateSchema,
  isSecretEnvName,
  type ContainerState,
  type ContainerSummary,
} from '@harbourmaster/contracts';

const STATES: ReadonlySet<string> = new Set(containerStateSchema.options);

/** The health the engine folds into its status text: "Up 3 minutes (healthy)". */
export function healthFromStatus(status: string): ContainerSummary['health'] {
  const m = /\((healthy|unhealthy|health: starting)\)/.exec(status);
  if (!m) return null;
  return m[1] === 'health: starting' ? 'starting' : (m[1] as 'healthy' | 'unhealthy');
}

/** The container's name without the engine's leading slash. */
export function containerName(c: Pick<EngineContainer, 'Names' | 'Id'>): string {
  return c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12);
}

export function toContainerSummary(
  hostId: string,
  c: EngineContainer,
  tags: string[],
  icon: string | null = null,
): ContainerSummary {
  const labels = c.Labels ?? {};
  const state = STATES.has(c.State) ? (c.State as ContainerState) : 'dead';
  return {
    hostId,
    id: c.Id,
    name: containerName(c),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command,
    createdAt: c.Created * 1000,
    state,
    status: c.Status,
    health: healthFromStatus(c.Status),
    ports: c.Ports.map((p) => ({
      ip: p.IP ?? null,
      privatePort: p.PrivatePort,
      publicPort: p.PublicPort ?? null,
      protocol: p.Type,
    })),
    labels,
    composeProject: labels['com.docker.compose.project'] ?? null,
    composeService: labels['com.docker.compose.service'] ?? null,
    networkMode: c.HostConfig?.NetworkMode ?? null,
    tags,
    icon,
  };
}

/** Masks the values of env entries whose names look secret (for roles that may only read). */
export function maskSecretEnv(env: readonly string[] | null): string[] | null {
  if (!env) return env;
  return env.map((e) => {
    const eq = e.indexOf('=');
    const name = eq < 0 ? e : e.slice(0, eq);
    return eq >= 0 && isSecretEnvName(name) ? `${name}=********` : e;
  });
}
