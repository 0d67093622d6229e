import { Document } from 'yaml';
import { hasVariable, toComposeText } from './interpolation.js';
import type { ComposeService, ServiceProject } from './service-model.js';

/** The order keys are written in: what it runs, then how it is reached, stored, run and limited. */
const KEY_ORDER: Record<keyof ComposeService, number> = Object.fromEntries(
  (
    [
      'image',
      'container_name',
      'platform',
      'pull_policy',
      'entrypoint',
      'command',
      'working_dir',
      'user',
      'group_add',
      'hostname',
      'domainname',
      'environment',
      'env_file',
      'labels',
      'ports',
      'expose',
      'volumes',
      'volumes_from',
      'tmpfs',
      'network_mode',
      'networks',
      'external_links',
      'extra_hosts',
      'dns',
      'dns_opt',
      'dns_search',
      'mac_address',
      'restart',
      'healthcheck',
      'init',
      'tty',
      'stdin_open',
      'privileged',
      'read_only',
      'cap_add',
      'cap_drop',
      'security_opt',
      'devices',
      'device_cgroup_rules',
      'ipc',
      'pid',
      'userns_mode',
      'cgroup_parent',
      'isolation',
      'runtime',
      'mem_limit',
      'mem_reservation',
      'memswap_limit',
      'mem_swappiness',
      'oom_kill_disable',
      'oom_score_adj',
      'cpus',
      'cpu_shares',
      'cpu_period',
      'cpu_quota',
      'cpu_rt_period',
      'cpu_rt_runtime',
      'cpuset',
      'cpu_count',
      'cpu_percent',
      'blkio_config',
      'pids_limit',
      'shm_size',
      'ulimits',
      'sysctls',
      'storage_opt',
      'logging',
      'stop_signal',
      'stop_grace_period',
      'deploy',
    ] satisfies Array<keyof ComposeService>
  ).map((key, i) => [key, i]),
) as Record<keyof ComposeService, number>;

/**
 * The compose file for one service: `services:` with it, and top-level `volumes:`/`networks:` only
 * when it uses some; no `version:` key. Every string is written as a string, quoted wherever a
 * YAML 1.1 reader (docker-compose v1's) or a 1.2 one (Compose v2's) could take it for something
 * else (`no`, `on`, `22:22`, `0755`, `*x`); every literal `$` is doubled and shell variables become
 * `${…}` (see interpolation.ts).
 * @example
 * composeDocument({ serviceName: 'web', service: { image: 'nginx', ports: ['8080:80'] }, volumes: {}, networks: {}, warnings: [] });
 * // 'services:\n  web:\n    image: nginx\n    ports:\n      - 8080:80\n'
 */
export function composeDocument(project: ServiceProject): string {
  const ordered = Object.fromEntries(
    Object.entries(project.service)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => KEY_ORDER[a as keyof ComposeService] - KEY_ORDER[b as keyof ComposeService]),
  );
  const file: Record<string, unknown> = { services: { [project.serviceName]: ordered } };
  if (Object.keys(project.volumes).length > 0) file.volumes = project.volumes;
  if (Object.keys(project.networks).length > 0) file.networks = project.networks;
  // YAML 1.1 quotes the most: what it leaves plain, both readers take as the same string.
  return new Document(forCompose(file), { version: '1.1' }).toString({ lineWidth: 0 });
}

/** Every string value in Compose's interpolation syntax; keys stay as they are (Compose reads them literally). */
function forCompose(value: unknown): unknown {
  if (typeof value === 'string') return toComposeText(value);
  if (Array.isArray(value)) return value.map(forCompose);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => {
        // The converters refuse variables in names; one here is a bug, not a user's mistake.
        if (hasVariable(key)) throw new Error(`a shell variable reached a compose key: ${key}`);
        return [key, forCompose(v)];
      }),
    );
  }
  return value;
}
