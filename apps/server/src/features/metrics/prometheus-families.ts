import type { InventoryEntry } from '../inventory/host-inventory.js';
import type { MetricFamily } from './prometheus-text.js';
import type { LatestPass } from './metrics.service.js';
import type { SamplingStats } from './host-sampling.js';

export interface ExportedHost {
  hostId: string;
  latest: LatestPass | undefined;
  entries: readonly InventoryEntry[];
}

export interface DaemonFigures {
  version: string;
  startedAt: number;
  rssBytes: number;
  heapUsedBytes: number;
  cpuSeconds: number;
  websocketClients: number;
  sampling: ReadonlyArray<{ hostId: string; stats: SamplingStats }>;
  /** The event loop's delay over the current minute-long window. */
  eventLoop: { windowStart: number; p50: number; p99: number; max: number };
}

type Sample = MetricFamily['samples'][number];

function family(name: string, type: MetricFamily['type'], help: string, samples: Sample[]): MetricFamily {
  return { name, type, help, samples };
}

/** A container's labels: host, name, id, and its compose project and service when it has them. */
function containerLabels(
  hostId: string,
  entry: InventoryEntry | undefined,
  id: string,
): Record<string, string> {
  const labels = entry?.raw.Labels ?? {};
  return {
    host: hostId,
    container: entry?.raw.Names[0]?.replace(/^\//, '') ?? '',
    id: id.slice(0, 12),
    compose_project: labels['com.docker.compose.project'] ?? '',
    compose_service: labels['com.docker.compose.service'] ?? '',
  };
}

/** Every family `/metrics` serves: the daemon's own, each host's, each running container's latest. */
export function prometheusFamilies(daemon: DaemonFigures, hosts: readonly ExportedHost[]): MetricFamily[] {
  const c = {
    cores: [] as Sample[],
    cpuTotal: [] as Sample[],
    memory: [] as Sample[],
    limit: [] as Sample[],
    rx: [] as Sample[],
    tx: [] as Sample[],
    read: [] as Sample[],
    write: [] as Sample[],
  };
  const h = {
    cores: [] as Sample[],
    used: [] as Sample[],
    total: [] as Sample[],
    load: [] as Sample[],
    disk: [] as Sample[],
  };
  const containers: Sample[] = [];
  for (const { hostId, latest, entries } of hosts) {
    const byId = new Map(entries.map((e) => [e.raw.Id, e]));
    const states = new Map<string, number>();
    for (const e of entries) states.set(e.raw.State, (states.get(e.raw.State) ?? 0) + 1);
    for (const [state, n] of states) containers.push({ labels: { host: hostId, state }, value: n });
    if (!latest) continue;
    for (const reading of latest.pass.snapshot.containers) {
      const labels = containerLabels(hostId, byId.get(reading.id), reading.id);
      const values = latest.containers.get(reading.id);
      if (values) c.cores.push({ labels, value: values.cpu });
      c.cpuTotal.push({ labels, value: reading.cpuNanos / 1e9 });
      c.memory.push({ labels, value: reading.memoryBytes });
      if (reading.memoryLimitBytes !== null) c.limit.push({ labels, value: reading.memoryLimitBytes });
      if (reading.net) {
        c.rx.push({ labels, value: reading.net.rxBytes });
        c.tx.push({ labels, value: reading.net.txBytes });
      }
      if (reading.blkio) {
        c.read.push({ labels, value: reading.blkio.readBytes });
        c.write.push({ labels, value: reading.blkio.writeBytes });
      }
    }
    const host = latest.host;
    const hr = latest.pass.snapshot.host;
    if (host && hr) {
      h.cores.push({ labels: { host: hostId }, value: host.cpu });
      h.used.push({ labels: { host: hostId }, value: host.memory });
      h.total.push({ labels: { host: hostId }, value: hr.memoryTotalBytes });
      h.load.push({ labels: { host: hostId }, value: hr.load[0] });
      if (host.dataDiskPercent !== null)
        h.disk.push({ labels: { host: hostId, disk: 'data' }, value: host.dataDiskPercent / 100 });
      if (host.dockerDiskPercent !== null)
        h.disk.push({ labels: { host: hostId, disk: 'docker' }, value: host.dockerDiskPercent / 100 });
    }
  }
  const per = (pick: (s: SamplingStats) => number) =>
    daemon.sampling.map(({ hostId, stats }) => ({ labels: { host: hostId }, value: pick(stats) }));
  return [
    family('harbourmaster_build_info', 'gauge', 'The running version.', [
      { labels: { version: daemon.version }, value: 1 },
    ]),
    family('harbourmaster_start_time_seconds', 'gauge', 'When the daemon started, unix seconds.', [
      { labels: {}, value: Math.floor(daemon.startedAt / 1000) },
    ]),
    family('process_resident_memory_bytes', 'gauge', "The daemon's resident memory.", [
      { labels: {}, value: daemon.rssBytes },
    ]),
    family('process_cpu_seconds_total', 'counter', 'CPU time the daemon used.', [
      { labels: {}, value: daemon.cpuSeconds },
    ]),
    family('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use.', [
      { labels: {}, value: daemon.heapUsedBytes },
    ]),
    family(
      'nodejs_eventloop_delay_seconds',
      'gauge',
      'How late the event loop ran, over the window since nodejs_eventloop_delay_window_start_seconds (a minute at most).',
      [
        { labels: { quantile: '0.5' }, value: daemon.eventLoop.p50 },
        { labels: { quantile: '0.99' }, value: daemon.eventLoop.p99 },
        { labels: { quantile: '1' }, value: daemon.eventLoop.max },
      ],
    ),
    family(
      'nodejs_eventloop_delay_window_start_seconds',
      'gauge',
      'When the event-loop delay window began, unix seconds.',
      [{ labels: {}, value: daemon.eventLoop.windowStart / 1000 }],
    ),
    family('harbourmaster_websocket_clients', 'gauge', 'Open panel WebSockets.', [
      { labels: {}, value: daemon.websocketClients },
    ]),
    family('harbourmaster_containers', 'gauge', 'Containers per host and state.', containers),
    family(
      'harbourmaster_metrics_passes_total',
      'counter',
      'Sampler passes over a host.',
      per((s) => s.passes),
    ),
    family(
      'harbourmaster_metrics_skipped_passes_total',
      'counter',
      'Ticks skipped because a pass was still running.',
      per((s) => s.skippedPasses),
    ),
    family(
      'harbourmaster_metrics_samples_expected_total',
      'counter',
      'Container samples due (running at two passes in a row).',
      per((s) => s.expected),
    ),
    family(
      'harbourmaster_metrics_samples_total',
      'counter',
      'Container samples taken of those due.',
      per((s) => s.sampled),
    ),
    family(
      'harbourmaster_metrics_pass_seconds_total',
      'counter',
      'Time spent in sampler passes.',
      per((s) => s.busySeconds),
    ),
    family(
      'harbourmaster_container_cpu_cores',
      'gauge',
      'CPU over the last interval, in cores (1 = one full core).',
      c.cores,
    ),
    family(
      'harbourmaster_container_cpu_seconds_total',
      'counter',
      'CPU time used by the container.',
      c.cpuTotal,
    ),
    family(
      'harbourmaster_container_memory_bytes',
      'gauge',
      'Memory in use, without inactive file cache (as docker stats).',
      c.memory,
    ),
    family('harbourmaster_container_memory_limit_bytes', 'gauge', 'Memory limit, when one is set.', c.limit),
    family(
      'harbourmaster_container_network_receive_bytes_total',
      'counter',
      'Bytes received (own network namespace only).',
      c.rx,
    ),
    family(
      'harbourmaster_container_network_transmit_bytes_total',
      'counter',
      'Bytes sent (own network namespace only).',
      c.tx,
    ),
    family(
      'harbourmaster_container_blkio_read_bytes_total',
      'counter',
      'Bytes read from block devices.',
      c.read,
    ),
    family(
      'harbourmaster_container_blkio_write_bytes_total',
      'counter',
      'Bytes written to block devices.',
      c.write,
    ),
    family(
      'harbourmaster_host_cpu_cores',
      'gauge',
      'Host CPU busy over the last interval, in cores.',
      h.cores,
    ),
    family(
      'harbourmaster_host_memory_used_bytes',
      'gauge',
      'Host memory in use (total minus available).',
      h.used,
    ),
    family('harbourmaster_host_memory_total_bytes', 'gauge', 'Host memory.', h.total),
    family('harbourmaster_host_load1', 'gauge', 'Host load average over 1 minute.', h.load),
    family('harbourmaster_host_disk_used_ratio', 'gauge', 'Used share of the data and Docker disks.', h.disk),
  ];
}
