import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { HostMetricValues, MetricsRange } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { formatCores, formatMemory, formatPercent, formatRate } from '../../lib/format-metrics.js';
import { PageHeader } from '../../components/feedback.js';
import { StateBadge } from '../../components/state-badge.js';
import { HOSTS_KEY } from '../dashboard/hosts-panel.js';
import { BINARY_INCRS, alignedData } from '../metrics/chart-data.js';
import { MetricsChart } from '../metrics/metrics-chart.js';
import { RangePicker } from '../metrics/range-picker.js';
import { SamplerLine } from '../metrics/sampler-line.js';
import { hostMetricsTopic } from '../metrics/metrics-live.js';
import { useMetricSeries } from '../metrics/use-metric-series.js';
import { SeriesStatus } from '../metrics/series-status.js';

type Values = Readonly<Record<keyof HostMetricValues, number | null>>;
const text = (v: number | null | undefined, f: (n: number) => string) =>
  v === null || v === undefined ? '–' : f(v);
const load = (v: number) => v.toFixed(2);

/** The newest values as the chart captions say them, against the host's CPUs and memory. */
function captions(v: Values | null, cpus: number | null, memoryTotal: number | null) {
  return {
    cpu:
      v?.cpu == null
        ? 'no value'
        : `${formatCores(v.cpu)} of ${cpus ?? '?'} cores · ${text(v.cpuPercent, formatPercent)}`,
    memory:
      v?.memory == null
        ? 'no value'
        : `${formatMemory(v.memory)} of ${memoryTotal === null ? '?' : formatMemory(memoryTotal)}`,
    load: text(v?.load1, load),
    net: `received ${text(v?.netRx, formatRate)} · sent ${text(v?.netTx, formatRate)}`,
    disk: `data ${text(v?.dataDiskPercent, formatPercent)} · Docker ${text(v?.dockerDiskPercent, formatPercent)}`,
  };
}

/** One host: its CPU, memory, load, network and disks over a range, and how it is sampled. */
export default function HostPage({ host }: { host: string }) {
  const [range, setRange] = useState<MetricsRange>('5m');
  const hosts = useQuery({ queryKey: HOSTS_KEY, queryFn: () => api.hosts() });
  const info = hosts.data?.hosts.find((h) => h.id === host);
  const series = useMetricSeries({
    key: ['host-metrics', host],
    range,
    fetch: () => api.hostMetrics(host, range),
    topic: hostMetricsTopic(host),
    pick: (m) => (m.hostId === host ? m.host : undefined),
  });
  const reply = series.data;
  const step = reply?.step ?? 1;
  const { points } = series;
  const cpu = useMemo(() => alignedData(points, ['cpu'], step), [points, step]);
  const memory = useMemo(() => alignedData(points, ['memory'], step), [points, step]);
  const load1 = useMemo(() => alignedData(points, ['load1'], step), [points, step]);
  const net = useMemo(() => alignedData(points, ['netRx', 'netTx'], step), [points, step]);
  const disk = useMemo(
    () => alignedData(points, ['dataDiskPercent', 'dockerDiskPercent'], step),
    [points, step],
  );
  const cpus = reply?.cpus ?? null;
  const memoryTotal = reply?.memoryTotal ?? null;
  const said = captions(
    range === '5m' ? (points.at(-1)?.avg ?? reply?.latest ?? null) : (reply?.latest ?? null),
    cpus,
    memoryTotal,
  );

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link to="/" className="hover:text-fg">
          Dashboard
        </Link>
        <span aria-hidden> / </span>
        Hosts
      </nav>
      <PageHeader
        title={info?.name ?? host}
        subtitle={info ? <span className="font-mono text-xs">{info.url}</span> : undefined}
      >
        {info && (
          <StateBadge
            state={info.status.reachable ? 'reachable' : 'unreachable'}
            reason={info.status.error ?? undefined}
          />
        )}
        <Link
          to={`/containers?host=${encodeURIComponent(host)}`}
          className="rounded-md border border-line px-3 py-1.5 text-[13px] hover:bg-surface-2"
        >
          Its containers
        </Link>
      </PageHeader>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        {reply ? <SamplerLine sampler={reply.sampler} /> : <span />}
        <RangePicker value={range} onChange={setRange} />
      </div>
      <SeriesStatus series={series} />
      {reply && (
        <div className="grid gap-4 lg:grid-cols-2">
          <MetricsChart
            title="CPU (cores)"
            latest={said.cpu}
            data={cpu}
            labels={['CPU']}
            xRange={series.window}
            format={formatCores}
            yMax={cpus ?? undefined}
          />
          <MetricsChart
            title="Memory"
            latest={said.memory}
            data={memory}
            labels={['Used']}
            xRange={series.window}
            format={formatMemory}
            incrs={BINARY_INCRS}
            yMax={memoryTotal ?? undefined}
          />
          <MetricsChart
            title="Load (1 min)"
            latest={said.load}
            data={load1}
            labels={['Load']}
            xRange={series.window}
            format={load}
            yFloor={cpus ?? 1}
          />
          <MetricsChart
            title="Network"
            latest={said.net}
            data={net}
            labels={['Received', 'Sent']}
            xRange={series.window}
            format={formatRate}
            yFloor={1000}
          />
          <MetricsChart
            title="Disk used"
            latest={said.disk}
            data={disk}
            labels={['Data dir', 'Docker root']}
            xRange={series.window}
            format={formatPercent}
            yMax={100}
          />
        </div>
      )}
    </>
  );
}
