import type { RunFlagName, RunFlagUse } from './docker-run-parse.js';
import { displayText, hasVariable } from './interpolation.js';
import type { ServiceDraft } from './run-draft.js';
import { gpusFlag } from './run-gpus.js';
import { mountFlag, volumeFlag } from './run-mounts.js';
import { attachmentFlag, networkFlag } from './run-network.js';
import type { BlkioConfig, ComposeService, ListKey } from './service-model.js';
import { DURATION_PATTERN, SIZE_PATTERN } from './units.js';

/** What one use of a flag does to the service. */
type Handler = (draft: ServiceDraft, use: RunFlagUse) => void;

type TextKey = Exclude<
  {
    [K in keyof ComposeService]-?: NonNullable<ComposeService[K]> extends string ? K : never;
  }[keyof ComposeService],
  'pull_policy'
>;
type NumberKey = {
  [K in keyof ComposeService]-?: NonNullable<ComposeService[K]> extends number ? K : never;
}[keyof ComposeService];
type SwitchKey = {
  [K in keyof ComposeService]-?: NonNullable<ComposeService[K]> extends boolean ? K : never;
}[keyof ComposeService];

const text =
  (key: TextKey): Handler =>
  (draft, use) => {
    draft.service[key] = use.value;
  };
const list =
  (key: ListKey): Handler =>
  (draft, use) =>
    draft.push(key, use.value);
const whole =
  (key: NumberKey, min?: number): Handler =>
  (draft, use) => {
    draft.service[key] = draft.integer(use, min);
  };
const onOff =
  (key: SwitchKey): Handler =>
  (draft, use) => {
    if (use.value === 'true') draft.service[key] = true;
    else delete draft.service[key];
  };
const size =
  (key: 'mem_limit' | 'mem_reservation' | 'memswap_limit' | 'shm_size'): Handler =>
  (draft, use) => {
    if (
      !SIZE_PATTERN.test(use.value) &&
      !hasVariable(use.value) &&
      !(key === 'memswap_limit' && use.value === '-1')
    ) {
      throw draft.fail(use, 'expected a size like 512m or 2g');
    }
    draft.service[key] = use.value;
  };
const duration =
  (key: 'interval' | 'timeout' | 'start_period'): Handler =>
  (draft, use) => {
    if (!DURATION_PATTERN.test(use.value)) throw draft.fail(use, 'expected a duration like 30s or 1m30s');
    draft.healthcheck()[key] = use.value;
  };
const keyValue =
  (key: 'sysctls' | 'storage_opt', example: string): Handler =>
  (draft, use) => {
    const [name, value] = draft.keyValue(use, `name=value, like ${example}`);
    draft.entry(key, use, name, value);
  };
const blkioRate =
  (key: Exclude<keyof BlkioConfig, 'weight' | 'weight_device'>): Handler =>
  (draft, use) => {
    const colon = use.value.lastIndexOf(':');
    if (colon <= 0) throw draft.fail(use, 'expected a device and a rate, like /dev/sda:10mb');
    ((draft.service.blkio_config ??= {})[key] ??= []).push({
      path: use.value.slice(0, colon),
      rate: use.value.slice(colon + 1),
    });
  };
/** Flags that steer the docker CLI (attaching, printing), not the container. */
const cliOnly: Handler = () => {};
const leftOut =
  (why: string): Handler =>
  (draft, use) =>
    draft.warn(`${use.typed} ${why}; it was left out`);
const NO_V1 = 'has no equivalent in Compose v1';

/**
 * What each `docker run` flag becomes in the service. The record names every flag the parser
 * knows, so a flag added there without a decision here does not compile.
 */
export const RUN_FLAG_HANDLERS: Record<RunFlagName, Handler> = {
  'add-host': (draft, use) => {
    const m = /^([^:=]+)[:=](.+)$/.exec(use.value);
    if (!m) throw draft.fail(use, 'expected host:address, like db.local:10.0.0.5');
    draft.push('extra_hosts', `${m[1]}:${m[2]}`);
  },
  annotation: leftOut(NO_V1),
  attach: cliOnly,
  'blkio-weight': (draft, use) => {
    (draft.service.blkio_config ??= {}).weight = draft.integer(use, 0);
  },
  'blkio-weight-device': (draft, use) => {
    const m = /^(.+):(\d+)$/.exec(use.value);
    if (!m) throw draft.fail(use, 'expected a device and a weight, like /dev/sda:200');
    ((draft.service.blkio_config ??= {}).weight_device ??= []).push({
      path: m[1] ?? '',
      weight: Number(m[2]),
    });
  },
  'cap-add': list('cap_add'),
  'cap-drop': list('cap_drop'),
  'cgroup-parent': text('cgroup_parent'),
  cgroupns: leftOut(NO_V1),
  cidfile: cliOnly,
  'cpu-count': whole('cpu_count', 0),
  'cpu-percent': whole('cpu_percent', 0),
  'cpu-period': whole('cpu_period', 0),
  'cpu-quota': whole('cpu_quota'),
  'cpu-rt-period': whole('cpu_rt_period', 0),
  'cpu-rt-runtime': whole('cpu_rt_runtime'),
  'cpu-shares': whole('cpu_shares', 0),
  cpus: (draft, use) => {
    if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(use.value))
      throw draft.fail(use, 'expected a number of CPUs, like 1.5');
    draft.service.cpus = Number(use.value);
  },
  'cpuset-cpus': text('cpuset'),
  'cpuset-mems': leftOut(NO_V1),
  detach: cliOnly,
  'detach-keys': cliOnly,
  device: list('devices'),
  'device-cgroup-rule': list('device_cgroup_rules'),
  'device-read-bps': blkioRate('device_read_bps'),
  'device-read-iops': blkioRate('device_read_iops'),
  'device-write-bps': blkioRate('device_write_bps'),
  'device-write-iops': blkioRate('device_write_iops'),
  'disable-content-trust': cliOnly,
  dns: list('dns'),
  'dns-option': list('dns_opt'),
  'dns-search': list('dns_search'),
  domainname: text('domainname'),
  // docker takes the whole value as the program's path (no splitting); '' clears the image's.
  entrypoint: (draft, use) => {
    draft.service.entrypoint = use.value === '' ? [] : [use.value];
  },
  env: (draft, use) => {
    const eq = use.value.indexOf('=');
    if (eq === 0 || use.value === '') throw draft.fail(use, 'expected NAME=value or NAME');
    if (eq > 0) {
      draft.setEnvironment(use, use.value.slice(0, eq), use.value.slice(eq + 1));
      return;
    }
    draft.setEnvironment(use, use.value, null);
    draft.warn(
      `-e ${displayText(use.value)} has no value: Compose takes it from the environment it runs in (the stack's .env file or the daemon's), not from your shell`,
    );
  },
  'env-file': (draft, use) => {
    draft.push('env_file', use.value);
    if (!use.value.startsWith('/')) {
      draft.warn(`the env file ${displayText(use.value)} is now read relative to the stack's folder`);
    }
  },
  expose: list('expose'),
  gpus: gpusFlag,
  'group-add': list('group_add'),
  'health-cmd': (draft, use) => {
    draft.healthcheck().test = ['CMD-SHELL', use.value];
  },
  'health-interval': duration('interval'),
  'health-retries': (draft, use) => {
    draft.healthcheck().retries = draft.integer(use, 0);
  },
  'health-start-interval': leftOut(NO_V1),
  'health-start-period': duration('start_period'),
  'health-timeout': duration('timeout'),
  help: cliOnly,
  hostname: text('hostname'),
  init: onOff('init'),
  interactive: onOff('stdin_open'),
  'io-maxbandwidth': leftOut('applies to Windows containers only'),
  'io-maxiops': leftOut('applies to Windows containers only'),
  ip: attachmentFlag((a, value) => (a.ipv4_address = value)),
  ip6: attachmentFlag((a, value) => (a.ipv6_address = value)),
  ipc: text('ipc'),
  isolation: text('isolation'),
  'kernel-memory': leftOut('is no longer supported by the engine'),
  label: (draft, use) => {
    const [name, value] = draft.keyValue(use, 'name=value', '');
    draft.entry('labels', use, name, value);
  },
  'label-file': leftOut('is read by the docker CLI; copy its labels into labels: by hand'),
  link: (draft, use) => {
    draft.push('external_links', use.value);
    draft.warn(
      `--link is a legacy feature; ${displayText(use.value)} became external_links (a user network is the better way)`,
    );
  },
  'link-local-ip': attachmentFlag((a, value) => (a.link_local_ips ??= []).push(value)),
  'log-driver': (draft, use) => {
    (draft.service.logging ??= {}).driver = use.value;
  },
  'log-opt': (draft, use) => {
    const [name, value] = draft.keyValue(use, 'name=value, like max-size=10m');
    draft.refuseVariableName(use, name);
    ((draft.service.logging ??= {}).options ??= {})[name] = value;
  },
  'mac-address': text('mac_address'),
  memory: size('mem_limit'),
  'memory-reservation': size('mem_reservation'),
  'memory-swap': size('memswap_limit'),
  'memory-swappiness': whole('mem_swappiness', 0),
  mount: mountFlag,
  name: (draft, use) => {
    if (!/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(use.value) && !hasVariable(use.value)) {
      throw draft.fail(
        use,
        'a container name is letters, digits, _ . and -, starting with a letter or digit',
      );
    }
    draft.service.container_name = use.value.replace(/^\//, '');
  },
  network: networkFlag,
  'network-alias': attachmentFlag((a, value) => (a.aliases ??= []).push(value)),
  'no-healthcheck': (draft, use) => {
    if (use.value === 'true') draft.service.healthcheck = { disable: true };
  },
  'oom-kill-disable': onOff('oom_kill_disable'),
  'oom-score-adj': whole('oom_score_adj'),
  pid: text('pid'),
  'pids-limit': whole('pids_limit'),
  platform: text('platform'),
  privileged: onOff('privileged'),
  publish: list('ports'),
  'publish-all': leftOut(
    "has no Compose equivalent; list the ports under ports: (the image's exposed ports)",
  ),
  pull: (draft, use) => {
    if (use.value === 'always' || use.value === 'never') draft.service.pull_policy = use.value;
    else if (use.value !== 'missing') throw draft.fail(use, 'expected always, missing or never');
  },
  quiet: cliOnly,
  'read-only': onOff('read_only'),
  restart: (draft, use) => {
    if (!/^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(use.value)) {
      throw draft.fail(use, 'expected no, always, unless-stopped or on-failure[:max-retries]');
    }
    if (use.value === 'no') delete draft.service.restart;
    else draft.service.restart = use.value;
  },
  rm: (draft, use) => {
    if (use.value === 'true') {
      draft.warn('--rm has no place in a stack: Compose keeps the container until the stack is taken down');
    }
  },
  runtime: text('runtime'),
  'security-opt': list('security_opt'),
  'shm-size': size('shm_size'),
  'sig-proxy': cliOnly,
  'stop-signal': text('stop_signal'),
  'stop-timeout': (draft, use) => {
    draft.service.stop_grace_period = `${draft.integer(use, 0)}s`;
  },
  'storage-opt': keyValue('storage_opt', 'size=20G'),
  sysctl: keyValue('sysctls', 'net.core.somaxconn=1024'),
  tmpfs: (draft, use) => {
    if (!use.value.startsWith('/'))
      throw draft.fail(use, 'expected a path inside the container, like /run:size=64m');
    draft.push('tmpfs', use.value);
  },
  tty: onOff('tty'),
  ulimit: (draft, use) => {
    const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(use.value);
    if (!m) throw draft.fail(use, 'expected name=soft[:hard], like nofile=1024:2048');
    const [, name = '', soft, hard] = m;
    (draft.service.ulimits ??= {})[name] =
      hard === undefined ? Number(soft) : { soft: Number(soft), hard: Number(hard) };
  },
  'use-api-socket': leftOut(NO_V1),
  user: text('user'),
  userns: text('userns_mode'),
  uts: leftOut(NO_V1),
  volume: volumeFlag,
  'volume-driver': (draft, use) => {
    draft.pending.volumeDriver = use.value;
  },
  'volumes-from': (draft, use) => {
    draft.push('volumes_from', `container:${use.value}`);
    draft.warn(`--volumes-from ${displayText(use.value)} takes the volumes of a container outside the stack`);
  },
  workdir: text('working_dir'),
};
