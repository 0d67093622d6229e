import type { ContainerDetails, HealthcheckDetails, ImageDefaults } from './container-details.js';
import { networkFields, sharesNetworkStack } from './inspect-network.js';
import { storageFields } from './inspect-storage.js';
import type {
  ComposeService,
  DeviceReservation,
  Healthcheck,
  ListKey,
  ServiceProject,
  TopLevelVolume,
} from './service-model.js';
import { serviceNameFor } from './service-name.js';
import { formatBytes, formatDuration } from './units.js';

const COMPOSE_LABEL = /^com\.docker\.compose\./;
const DEFAULT_SHM_SIZE = 64 * 1024 * 1024;

/**
 * The service that recreates a container as it is configured now ("save as stack"). What only
 * repeats the image's defaults (its env, labels, command, entrypoint, working dir, user, exposed
 * ports, healthcheck, volumes) and what the engine or Compose set by themselves (Compose's labels,
 * the id as hostname, default log and shm settings) are left out, so the file says what someone chose.
 * `image` is null when the image could not be read; its defaults are then kept.
 */
export function inspectToService(container: ContainerDetails, image: ImageDefaults | null): ServiceProject {
  const warnings: string[] = [];
  const config = container.Config;
  const name = container.Name.replace(/^\//, '');
  const composeService = config.Labels?.['com.docker.compose.service'];
  const service: ComposeService = { image: config.Image };
  if (composeService === undefined) {
    service.container_name = name;
    warnings.push(
      `container_name ${name} is the running container's name: remove or rename that container before deploying the stack`,
    );
  }
  if (!image)
    warnings.push("the image's defaults could not be read, so everything is written out, defaults included");
  if (/^sha256:[0-9a-f]+$/.test(config.Image)) {
    warnings.push("the container was created from an image id; put the image's name under image:");
  }
  const volumes: Record<string, TopLevelVolume> = {};
  const networks: Record<string, { external: true }> = {};
  processFields(container, image, service);
  environmentAndLabels(container, image, service);
  portFields(container, image, service);
  storageFields(container, image, service, volumes, warnings);
  networkFields(container, service, networks, warnings);
  hostFields(container, service);
  resourceFields(container, service);
  const health = healthcheck(config.Healthcheck, image?.Config?.Healthcheck, warnings);
  if (health) service.healthcheck = health;
  return {
    serviceName: serviceNameFor(config.Image, composeService ?? name),
    service,
    volumes,
    networks,
    warnings,
  };
}

/** What runs and as whom: entrypoint, command, working dir, user, hostname, stop settings. */
function processFields(
  container: ContainerDetails,
  image: ImageDefaults | null,
  service: ComposeService,
): void {
  const config = container.Config;
  const defaults = image?.Config ?? {};
  const entrypoint = config.Entrypoint ?? [];
  const command = config.Cmd ?? [];
  if (!sameList(entrypoint, defaults.Entrypoint ?? [])) service.entrypoint = entrypoint;
  // A service that sets its entrypoint drops the image's command, so the command is then written
  // even when it equals the image's.
  if (!sameList(command, defaults.Cmd ?? []) || (service.entrypoint && command.length > 0)) {
    service.command = command;
  }
  if (config.WorkingDir && config.WorkingDir !== defaults.WorkingDir) service.working_dir = config.WorkingDir;
  if (config.User && config.User !== defaults.User) service.user = config.User;
  const mode = container.HostConfig.NetworkMode ?? '';
  if (config.Hostname && config.Hostname !== container.Id.slice(0, 12) && !sharesNetworkStack(mode)) {
    service.hostname = config.Hostname;
  }
  if (config.Domainname) service.domainname = config.Domainname;
  if (config.StopSignal && config.StopSignal !== (defaults.StopSignal ?? 'SIGTERM')) {
    service.stop_signal = config.StopSignal;
  }
  if (typeof config.StopTimeout === 'number') service.stop_grace_period = `${config.StopTimeout}s`;
  if (config.Tty) service.tty = true;
  if (config.OpenStdin) service.stdin_open = true;
}

function environmentAndLabels(
  container: ContainerDetails,
  image: ImageDefaults | null,
  service: ComposeService,
): void {
  const imageEnv = new Set(image?.Config?.Env ?? []);
  const environment: Record<string, string | null> = {};
  for (const entry of container.Config.Env ?? []) {
    if (imageEnv.has(entry)) continue;
    const eq = entry.indexOf('=');
    if (eq === -1) environment[entry] = null;
    else environment[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  if (Object.keys(environment).length > 0) service.environment = environment;
  const imageLabels = image?.Config?.Labels ?? {};
  const labels = Object.fromEntries(
    Object.entries(container.Config.Labels ?? {}).filter(
      ([key, value]) => !COMPOSE_LABEL.test(key) && imageLabels[key] !== value,
    ),
  );
  if (Object.keys(labels).length > 0) service.labels = labels;
}

/** Published ports as `[ip:]host:container[/proto]`; exposed ports neither the image nor a binding already gives. */
function portFields(container: ContainerDetails, image: ImageDefaults | null, service: ComposeService): void {
  const bindings = container.HostConfig.PortBindings ?? {};
  if (!sharesNetworkStack(container.HostConfig.NetworkMode ?? '')) {
    const ports = Object.entries(bindings).flatMap(([key, list]) =>
      (list ?? []).map((b) => publishedPort(key, b.HostIp ?? '', b.HostPort ?? '')),
    );
    if (ports.length > 0) service.ports = [...new Set(ports)];
  }
  const imagePorts = image?.Config?.ExposedPorts ?? {};
  const expose = Object.keys(container.Config.ExposedPorts ?? {})
    .filter((key) => !(key in imagePorts) && !(key in bindings))
    .map((key) => key.replace(/\/tcp$/, ''));
  if (expose.length > 0) service.expose = expose;
}

function publishedPort(key: string, hostIp: string, hostPort: string): string {
  const [port = '', protocol = 'tcp'] = key.split('/');
  const container = protocol === 'tcp' ? port : `${port}/${protocol}`;
  const ip = hostIp === '' || hostIp === '0.0.0.0' ? '' : hostIp.includes(':') ? `[${hostIp}]` : hostIp;
  const host = hostPort === '0' ? '' : hostPort;
  if (ip) return `${ip}:${host}:${container}`;
  return host ? `${host}:${container}` : container;
}

/** Restart, privileges, devices, DNS and the other host settings, when set. */
function hostFields(container: ContainerDetails, service: ComposeService): void {
  const host = container.HostConfig;
  const restart = host.RestartPolicy;
  if (restart && restart.Name !== '' && restart.Name !== 'no') {
    service.restart =
      restart.Name === 'on-failure' && restart.MaximumRetryCount
        ? `on-failure:${restart.MaximumRetryCount}`
        : restart.Name;
  }
  if (host.Init) service.init = true;
  if (host.Privileged) service.privileged = true;
  if (host.ReadonlyRootfs) service.read_only = true;
  const lists: Array<[ListKey, string[] | null | undefined]> = [
    ['cap_add', host.CapAdd],
    ['cap_drop', host.CapDrop],
    ['security_opt', host.SecurityOpt],
    ['group_add', host.GroupAdd],
    ['extra_hosts', host.ExtraHosts],
    ['dns', host.Dns],
    ['dns_opt', host.DnsOptions],
    ['dns_search', host.DnsSearch],
    ['external_links', host.Links?.map(link)],
    ['devices', host.Devices?.map(device)],
  ];
  for (const [key, values] of lists) if (values && values.length > 0) service[key] = [...new Set(values)];
  if (host.IpcMode && !['private', 'shareable', ''].includes(host.IpcMode)) service.ipc = host.IpcMode;
  if (host.PidMode) service.pid = host.PidMode;
  if (host.UsernsMode) service.userns_mode = host.UsernsMode;
  if (host.CgroupParent) service.cgroup_parent = host.CgroupParent;
  if (host.Runtime && host.Runtime !== 'runc') service.runtime = host.Runtime;
  const log = host.LogConfig;
  const logOptions = log?.Config ?? {};
  if (log?.Type && (log.Type !== 'json-file' || Object.keys(logOptions).length > 0)) {
    service.logging = {
      driver: log.Type,
      ...(Object.keys(logOptions).length > 0 ? { options: logOptions } : {}),
    };
  }
  const gpus = (host.DeviceRequests ?? []).map(gpuReservation);
  if (gpus.length > 0) service.deploy = { resources: { reservations: { devices: gpus } } };
}

type HostConfig = ContainerDetails['HostConfig'];

/** `/dev/dri` → `/dev/dri:/dev/dri`, with the permissions when they are not all of rwm. */
const device = (d: NonNullable<HostConfig['Devices']>[number]) =>
  [
    d.PathOnHost,
    d.PathInContainer,
    ...(d.CgroupPermissions && d.CgroupPermissions !== 'rwm' ? [d.CgroupPermissions] : []),
  ].join(':');

/** A `--gpus` request as Compose's device reservation; a count of -1 is all. */
const gpuReservation = (r: NonNullable<HostConfig['DeviceRequests']>[number]): DeviceReservation => ({
  ...(r.Driver ? { driver: r.Driver } : {}),
  ...(r.Count === -1 ? { count: 'all' as const } : r.Count ? { count: r.Count } : {}),
  ...(r.DeviceIDs && r.DeviceIDs.length > 0 ? { device_ids: r.DeviceIDs } : {}),
  capabilities: r.Capabilities?.[0] ?? ['gpu'],
  ...(r.Options && Object.keys(r.Options).length > 0 ? { options: r.Options } : {}),
});

/** `/db:/web/database` (the engine's form) as Compose's `db:database`. */
const link = (entry: string) => {
  const [target = '', alias = ''] = entry.split(':');
  return `${target.replace(/^\//, '')}:${alias.slice(alias.lastIndexOf('/') + 1)}`;
};

/** Memory, CPU, process and file limits; zero means unset to the engine. */
function resourceFields(container: ContainerDetails, service: ComposeService): void {
  const host = container.HostConfig;
  const memory = host.Memory ?? 0;
  if (memory > 0) service.mem_limit = formatBytes(memory);
  if (host.MemoryReservation) service.mem_reservation = formatBytes(host.MemoryReservation);
  // The engine sets swap to twice the memory limit when only the limit is given.
  const swap = host.MemorySwap ?? 0;
  if (swap === -1) service.memswap_limit = -1;
  else if (swap > 0 && swap !== 2 * memory) service.memswap_limit = formatBytes(swap);
  if (typeof host.MemorySwappiness === 'number' && host.MemorySwappiness >= 0) {
    service.mem_swappiness = host.MemorySwappiness;
  }
  if (host.OomKillDisable) service.oom_kill_disable = true;
  if (host.OomScoreAdj) service.oom_score_adj = host.OomScoreAdj;
  if (host.NanoCpus) service.cpus = host.NanoCpus / 1e9;
  if (host.CpuShares) service.cpu_shares = host.CpuShares;
  if (host.CpuPeriod) service.cpu_period = host.CpuPeriod;
  if (host.CpuQuota) service.cpu_quota = host.CpuQuota;
  if (host.CpusetCpus) service.cpuset = host.CpusetCpus;
  if (host.PidsLimit && host.PidsLimit > 0) service.pids_limit = host.PidsLimit;
  if (host.ShmSize && host.ShmSize !== DEFAULT_SHM_SIZE) service.shm_size = formatBytes(host.ShmSize);
  const ulimits = host.Ulimits ?? [];
  if (ulimits.length > 0) {
    service.ulimits = Object.fromEntries(
      ulimits.map((u) => [u.Name, u.Soft === u.Hard ? u.Soft : { soft: u.Soft, hard: u.Hard }]),
    );
  }
  if (host.Sysctls && Object.keys(host.Sysctls).length > 0) service.sysctls = host.Sysctls;
}

/** The container's healthcheck when it is not the image's; `NONE` as `disable: true`. */
function healthcheck(
  own: HealthcheckDetails | undefined,
  image: HealthcheckDetails | undefined,
  warnings: string[],
): Healthcheck | undefined {
  if (!own || sameHealthcheck(own, image)) return undefined;
  const test = own.Test ?? [];
  if (test[0] === 'NONE') return { disable: true };
  if (own.StartInterval)
    warnings.push('the healthcheck start interval has no equivalent in Compose v1; it was left out');
  const health: Healthcheck = {};
  // An empty test inherits the image's, while the timings below still apply.
  if (test.length > 0) health.test = test;
  if (own.Interval) health.interval = formatDuration(own.Interval);
  if (own.Timeout) health.timeout = formatDuration(own.Timeout);
  if (own.StartPeriod) health.start_period = formatDuration(own.StartPeriod);
  if (own.Retries) health.retries = own.Retries;
  return Object.keys(health).length > 0 ? health : undefined;
}

function sameHealthcheck(a: HealthcheckDetails, b: HealthcheckDetails | undefined): boolean {
  return (
    b !== undefined &&
    sameList(a.Test ?? [], b.Test ?? []) &&
    (a.Interval ?? 0) === (b.Interval ?? 0) &&
    (a.Timeout ?? 0) === (b.Timeout ?? 0) &&
    (a.StartPeriod ?? 0) === (b.StartPeriod ?? 0) &&
    (a.Retries ?? 0) === (b.Retries ?? 0)
  );
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);
