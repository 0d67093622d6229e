import type { ContainerDetails } from './container-details.js';
import type { ComposeService, ServiceNetwork } from './service-model.js';

const NOT_USER_NETWORKS = new Set(['bridge', 'default', 'host', 'none']);

/** Whether the container uses another's network stack (or the host's), so it publishes no ports of its own. */
export const sharesNetworkStack = (mode: string) => mode === 'host' || mode.startsWith('container:');

/**
 * The container's network: a mode (`host`, `none`, `container:…`) as `network_mode`, user
 * networks as `networks:` with the aliases and addresses someone chose (not the ones the engine
 * adds by itself), each declared `external: true`.
 */
export function networkFields(
  container: ContainerDetails,
  service: ComposeService,
  networks: Record<string, { external: true }>,
  warnings: string[],
): void {
  const mode = container.HostConfig.NetworkMode ?? 'default';
  if (mode === 'host' || mode === 'none' || mode.startsWith('container:')) {
    service.network_mode = mode;
    if (mode.startsWith('container:')) {
      warnings.push(
        `network_mode ${mode} names the container by id; put its name there, or service:<name> for a service of the same stack`,
      );
    }
    return;
  }
  const attached = container.NetworkSettings.Networks ?? {};
  const names = Object.keys(attached).filter((n) => !NOT_USER_NETWORKS.has(n));
  if (!NOT_USER_NETWORKS.has(mode) && !names.includes(mode)) names.unshift(mode);
  if (names.length === 0) {
    warnings.push(
      "the container is on docker's default bridge network; in a stack it joins the stack's own network instead (published ports stay as they are)",
    );
    return;
  }
  if ('bridge' in attached) {
    warnings.push(
      "the container is also on docker's default bridge network, which a stack's service does not join; it was left out",
    );
  }
  const ownNames = ownAliases(container);
  service.networks = {};
  for (const name of names) {
    const endpoint = attached[name];
    const attachment: ServiceNetwork = {};
    const aliases = (endpoint?.Aliases ?? []).filter((a) => !ownNames.has(a));
    if (aliases.length > 0) attachment.aliases = [...new Set(aliases)];
    if (endpoint?.IPAMConfig?.IPv4Address) attachment.ipv4_address = endpoint.IPAMConfig.IPv4Address;
    if (endpoint?.IPAMConfig?.IPv6Address) attachment.ipv6_address = endpoint.IPAMConfig.IPv6Address;
    service.networks[name] = Object.keys(attachment).length > 0 ? attachment : null;
    networks[name] = { external: true };
  }
}

/** Aliases the engine or Compose give a container by themselves: its id, name, service. */
function ownAliases(container: ContainerDetails): Set<string> {
  return new Set(
    [
      container.Id,
      container.Id.slice(0, 12),
      container.Name.replace(/^\//, ''),
      container.Config.Labels?.['com.docker.compose.service'],
    ].filter((a): a is string => Boolean(a)),
  );
}
