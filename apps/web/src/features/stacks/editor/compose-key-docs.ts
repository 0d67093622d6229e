import type { SchemaPlacement } from './compose-schema-additions.js';

/*
 * The Compose schema describes almost none of its keys, so completion would show bare names. These
 * one-liners (condensed from the Compose file reference) are shown beside the keys people use most.
 */

const SERVICE = ['definitions', 'service', 'properties'] as const;
const DEPLOY = ['definitions', 'deployment', 'properties'] as const;

/** Short descriptions of Compose keys, by the schema `properties` map they belong to. */
export const KEY_DESCRIPTIONS: readonly SchemaPlacement<string>[] = [
  {
    at: ['properties'],
    entries: {
      version: 'Obsolete: Compose ignores it (and warns); it can be left out.',
      services: 'The containers of the application, one entry per service.',
      networks: 'Networks the services join.',
      volumes: 'Named volumes the services mount.',
      secrets: 'Secrets the services can read as files under /run/secrets.',
      configs: 'Configuration files the services can mount.',
    },
  },
  {
    at: SERVICE,
    entries: {
      image: 'Image to start the container from, e.g. nginx:1.27.',
      build: 'Build the image: a context path, or a mapping (context, dockerfile, args…).',
      container_name: 'A fixed container name instead of the generated one (the service cannot scale).',
      command: "Overrides the image's command (CMD).",
      entrypoint: "Overrides the image's entrypoint.",
      environment: 'Environment variables, as a mapping or a list of NAME=value.',
      ports: 'Published ports, e.g. "8080:80" (host:container).',
      expose: 'Ports other services can reach, not published on the host.',
      volumes: 'Mounts: named volumes, host paths or tmpfs, e.g. ./data:/data.',
      volumes_from: 'Mount every volume of another service or container.',
      restart: 'Restart policy: no, always, on-failure[:max-retries] or unless-stopped.',
      depends_on: 'Services to start first; with a condition, wait until healthy or completed.',
      healthcheck: 'How Docker checks that the container is healthy.',
      networks: 'Networks to join, with optional aliases and fixed addresses.',
      network_mode: 'Network mode: bridge, host, none, service:name or container:name.',
      labels: 'Metadata labels on the container.',
      logging: 'Log driver and its options.',
      deploy: 'Resources, replicas and restart policy.',
      user: 'User (and group) the process runs as, e.g. 1000:1000.',
      working_dir: "The process's working directory.",
      hostname: 'Host name inside the container.',
      extra_hosts: 'Extra /etc/hosts entries, e.g. host.docker.internal:host-gateway.',
      dns: 'DNS servers to use.',
      cap_add: 'Linux capabilities to add, e.g. NET_ADMIN.',
      cap_drop: 'Linux capabilities to drop, e.g. ALL.',
      privileged: 'Full access to host devices; avoid unless required.',
      read_only: 'Mount the root filesystem read-only.',
      security_opt: 'Security options, e.g. no-new-privileges:true.',
      devices: 'Host devices to map, e.g. /dev/ttyUSB0:/dev/ttyUSB0.',
      tmpfs: 'Paths to mount as in-memory tmpfs.',
      init: 'Run an init process as PID 1 that forwards signals and reaps zombies.',
      stop_grace_period: 'How long to wait after stop_signal before killing, e.g. 30s.',
      stop_signal: 'Signal that stops the container, e.g. SIGTERM.',
      tty: 'Allocate a pseudo-terminal.',
      stdin_open: 'Keep stdin open.',
      pull_policy: 'When to pull the image: always, never, missing, build, daily or weekly.',
      platform: 'Target platform, e.g. linux/amd64.',
      profiles: 'Profiles that enable this service; without profiles it always starts.',
      secrets: 'Secrets to mount under /run/secrets.',
      configs: 'Configs to mount into the container.',
      ulimits: 'Resource limits, e.g. nofile: { soft: 1024, hard: 4096 }.',
      sysctls: 'Kernel parameters to set in the container.',
      shm_size: 'Size of /dev/shm, e.g. 256m.',
      mem_limit: 'Memory limit, e.g. 512m.',
      cpus: 'How many CPUs the container may use, e.g. 0.5.',
      pids_limit: 'Maximum number of processes.',
      pid: "PID namespace: host shares the host's processes.",
      ipc: 'IPC namespace: host, private or shareable.',
      extends: 'Inherit configuration from another service, possibly in another file.',
      links: 'Legacy links to other services; shared networks make them unnecessary.',
      group_add: 'Extra groups for the user.',
      runtime: 'OCI runtime, e.g. runc or nvidia.',
      scale: 'Number of containers to run.',
      env_file: 'Files of NAME=value lines added to the environment.',
    },
  },
  {
    at: ['definitions', 'healthcheck', 'properties'],
    entries: {
      test: 'The check: ["CMD", …], ["CMD-SHELL", "…"], a shell string, or ["NONE"].',
      interval: 'Time between checks, e.g. 30s.',
      timeout: 'How long one check may take, e.g. 5s.',
      retries: 'Failures in a row before the container is unhealthy.',
      start_period: 'Start-up time during which failures do not count, e.g. 40s.',
      disable: 'Turn off the check the image defines.',
    },
  },
  {
    at: DEPLOY,
    entries: {
      replicas: 'Number of containers.',
      resources: 'CPU and memory limits and reservations.',
      restart_policy: 'When and how often to restart.',
      mode: 'replicated (a number of containers) or global (one per node).',
      placement: 'Constraints on where containers run (Swarm).',
      update_config: 'How updates roll out (Swarm).',
      rollback_config: 'How rollbacks roll out (Swarm).',
      labels: 'Labels on the service, not the containers.',
    },
  },
  {
    at: [...DEPLOY, 'resources', 'properties'],
    entries: { limits: 'The most the container may use.', reservations: 'What is set aside for it.' },
  },
  {
    at: ['definitions', 'network', 'properties'],
    entries: {
      name: 'The network name in Docker (instead of project_key).',
      driver: 'Network driver, e.g. bridge.',
      external: 'The network exists already; Compose does not create or remove it.',
      internal: 'No access to the outside.',
      ipam: 'Address management: subnets and gateways.',
    },
  },
  {
    at: ['definitions', 'volume', 'properties'],
    entries: {
      name: 'The volume name in Docker (instead of project_key).',
      driver: 'Volume driver, e.g. local.',
      driver_opts: 'Driver options, e.g. type, o and device for an NFS mount.',
      external: 'The volume exists already; Compose does not create or remove it.',
    },
  },
];
