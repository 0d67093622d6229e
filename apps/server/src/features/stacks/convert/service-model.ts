// The one service both converters build (from a `docker run` command, from a container's inspect),
// keyed and shaped as Compose writes it, so writing it out is a matter of order and quoting.
// Strings are literal text with shell-variable marks (see interpolation.ts); compose-document.ts
// turns them into Compose's interpolation syntax. Only keys both docker-compose v1 (1.27+) and
// Compose v2 accept are used, so the file deploys with whichever Compose the host has.

/** A mount in Compose's long syntax (used where the short `source:target:mode` cannot say it). */
export interface LongVolume {
  type: 'bind' | 'volume';
  source?: string;
  target: string;
  read_only?: boolean;
  bind?: { propagation: string };
  volume?: { nocopy: boolean };
}

/** `deploy.resources.reservations.devices`, where Compose puts `--gpus`. */
export interface DeviceReservation {
  driver?: string;
  count?: number | 'all';
  device_ids?: string[];
  capabilities: string[];
  options?: Record<string, string>;
}

/** `healthcheck:`, durations as Compose writes them (`30s`). */
export interface Healthcheck {
  test?: string[];
  interval?: string;
  timeout?: string;
  start_period?: string;
  retries?: number;
  disable?: boolean;
}

/** `blkio_config:`, from the `--blkio-*` and `--device-*-bps/iops` flags. */
export interface BlkioConfig {
  weight?: number;
  weight_device?: Array<{ path: string; weight: number }>;
  device_read_bps?: Array<{ path: string; rate: string }>;
  device_write_bps?: Array<{ path: string; rate: string }>;
  device_read_iops?: Array<{ path: string; rate: string }>;
  device_write_iops?: Array<{ path: string; rate: string }>;
}

/** A service's attachment to one network. */
export interface ServiceNetwork {
  aliases?: string[];
  ipv4_address?: string;
  ipv6_address?: string;
  link_local_ips?: string[];
}

/** One `ulimits:` entry: one number for soft and hard alike, or both. */
export type Ulimit = number | { soft: number; hard: number };

/** One service, with Compose's keys; absent keys are left to the image and the engine. */
export interface ComposeService {
  image: string;
  container_name?: string;
  platform?: string;
  pull_policy?: 'always' | 'never';
  entrypoint?: string[];
  command?: string[];
  working_dir?: string;
  user?: string;
  group_add?: string[];
  hostname?: string;
  domainname?: string;
  /** A bare name (`null`) takes its value from the environment Compose runs in. */
  environment?: Record<string, string | null>;
  env_file?: string[];
  labels?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  volumes?: Array<string | LongVolume>;
  volumes_from?: string[];
  tmpfs?: string[];
  network_mode?: string;
  networks?: Record<string, ServiceNetwork | null>;
  external_links?: string[];
  extra_hosts?: string[];
  dns?: string[];
  dns_opt?: string[];
  dns_search?: string[];
  mac_address?: string;
  restart?: string;
  healthcheck?: Healthcheck;
  init?: boolean;
  tty?: boolean;
  stdin_open?: boolean;
  privileged?: boolean;
  read_only?: boolean;
  cap_add?: string[];
  cap_drop?: string[];
  security_opt?: string[];
  devices?: string[];
  device_cgroup_rules?: string[];
  ipc?: string;
  pid?: string;
  userns_mode?: string;
  cgroup_parent?: string;
  isolation?: string;
  runtime?: string;
  mem_limit?: string;
  mem_reservation?: string;
  memswap_limit?: string | number;
  mem_swappiness?: number;
  oom_kill_disable?: boolean;
  oom_score_adj?: number;
  cpus?: number;
  cpu_shares?: number;
  cpu_period?: number;
  cpu_quota?: number;
  cpu_rt_period?: number;
  cpu_rt_runtime?: number;
  cpuset?: string;
  cpu_count?: number;
  cpu_percent?: number;
  blkio_config?: BlkioConfig;
  pids_limit?: number;
  shm_size?: string;
  ulimits?: Record<string, Ulimit>;
  sysctls?: Record<string, string>;
  storage_opt?: Record<string, string>;
  logging?: { driver?: string; options?: Record<string, string> };
  stop_signal?: string;
  stop_grace_period?: string;
  deploy?: { resources: { reservations: { devices: DeviceReservation[] } } };
}

type KeysOf<T> = {
  [K in keyof ComposeService]-?: NonNullable<ComposeService[K]> extends T ? K : never;
}[keyof ComposeService];
/** The service's keys that hold a list of strings. */
export type ListKey = KeysOf<string[]>;
/** The service's keys that hold a map of strings. */
export type MapKey = KeysOf<Record<string, string>>;

/** A named volume the service uses, declared at the top level under its own name. */
export interface TopLevelVolume {
  /** The volume's real name, so Compose uses the very volume `docker run` used, not `<project>_<name>`. */
  name: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  labels?: Record<string, string>;
}

/** One service with the top-level volumes and networks it needs, and what did not carry over. */
export interface ServiceProject {
  serviceName: string;
  service: ComposeService;
  volumes: Record<string, TopLevelVolume>;
  /** User networks the service joins; they must exist already, as for `docker run`. */
  networks: Record<string, { external: true }>;
  warnings: string[];
}
