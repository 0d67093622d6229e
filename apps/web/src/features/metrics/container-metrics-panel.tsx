import { useMemo, useState } from 'react';
import type { ContainerMetricValues, ContainerNetworkKind, MetricsRange } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import {
  formatCoresLong,
  formatCores,
  formatMemory,
  formatPercent,
  formatRate,
} from '../../lib/format-metrics.js';
import { BINARY_INCRS, alignedData } from './chart-data.js';
import { MetricsChart } from './metrics-chart.js';
import { RangePicker } from './range-picker.js';
import { SamplerLine } from './sampler-line.js';
import { containerMetricsTopic } from './metrics-live.js';
import { useMetricSeries } from './use-metric-series.js';
import { SeriesStatus } from './series-status.js';

const NETWORK_NOTE: Record<Exclude<ContainerNetworkKind, 'own'>, string> = {
  host: 'Host network: this container has no network counters of its own (its traffic is the host’s, on the host page).',
  shared: 'It shares another container’s network namespace: this is that namespace’s traffic.',
  none: 'No network: the container was started without one.',
};

type Values = Readonly<Record<keyof ContainerMetricValues, number | null>>;
const text = (v: number | null | undefined, f: (n: number) => string) =>
  v === null || v === undefined ? '–' : f(v);

/** The newest values as the chart captions say them. */
function captions(v: Values | null) {
  return {
    cpu:
      v?.cpu == null
        ? 'no value'
        : `${formatCoresLong(v.cpu)} · ${text(v.cpuPercent, formatPercent)} of the host`,
    memory: text(v?.memory, formatMemory),
    net: `received ${text(v?.netRx, formatRate)} · sent ${text(v?.netTx, formatRate)}`,
    blk: `read ${text(v?.blkRead, formatRate)} · written ${text(v?.blkWrite, formatRate)}`,
  };
}

/**
 * A container's CPU, memory, network and block I/O over a chosen range, each with average and
 * maximum; the 5-minute range keeps appending live samples while the container runs.
 */
export default function ContainerMetricsPanel({
  host,
  id,
  running,
}: {
  host: string;
  id: string;
  running: boolean;
}) {
  const [range, setRange] = useState<MetricsRange>('5m');
  const series = useMetricSeries({
    key: ['container-metrics', host, id],
    range,
    fetch: () => api.containerMetrics(host, id, range),
    topic: running ? containerMetricsTopic(host, id) : null,
    pick: (m) => (m.hostId === host ? m.containers[id] : undefined),
  });
  const reply = series.data;
  const step = reply?.step ?? 1;
  const { points } = series;
  const cpu = useMemo(() => alignedData(points, ['cpu'], step), [points, step]);
  const memory = useMemo(() => alignedData(points, ['memory'], step), [points, step]);
  const net = useMemo(() => alignedData(points, ['netRx', 'netTx'], step), [points, step]);
  const blk = useMemo(() => alignedData(points, ['blkRead', 'blkWrite'], step), [points, step]);

  // Live points are the newest in the 5-minute range; otherwise the last pass (nothing once stopped).
  const now = running ? (reply?.latest ?? null) : null;
  const said = captions(range === '5m' && running ? (points.at(-1)?.avg ?? now) : now);
  const network = reply?.network ?? null;

  return (
    <section aria-labelledby="metrics-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="metrics-heading" className="text-sm font-semibold">
          Metrics
        </h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <SeriesStatus series={series} />
      {reply && (
        <>
          {!running && (
            <p className="mb-3 text-sm text-muted">
              Not running: the charts show its history; no new samples come in.
            </p>
          )}
          <div className="grid gap-4 lg:grid-cols-2">
            <MetricsChart
              title="CPU (cores)"
              latest={said.cpu}
              data={cpu}
              labels={['CPU']}
              xRange={series.window}
              format={formatCores}
              yFloor={0.1}
            />
            <MetricsChart
              title="Memory"
              latest={said.memory}
              data={memory}
              labels={['Memory']}
              xRange={series.window}
              format={formatMemory}
              incrs={BINARY_INCRS}
              yFloor={1024 * 1024}
            />
            {network === 'own' || network === null ? (
              <MetricsChart
                title="Network"
                latest={said.net}
                data={net}
                labels={['Received', 'Sent']}
                xRange={series.window}
                format={formatRate}
                yFloor={1000}
              />
            ) : (
              <NetworkNote kind={network} />
            )}
            <MetricsChart
              title="Block I/O"
              latest={said.blk}
              data={blk}
              labels={['Read', 'Written']}
              xRange={series.window}
              format={formatRate}
              yFloor={1000}
            />
          </div>
          <div className="mt-3">
            <SamplerLine sampler={reply.sampler} />
          </div>
        </>
      )}
    </section>
  );
}

function NetworkNote({ kind }: { kind: Exclude<ContainerNetworkKind, 'own'> }) {
  return (
    <figure className="self-start rounded-xl border border-line bg-surface p-4">
      <figcaption className="mb-2 text-[13px] font-semibold">Network</figcaption>
      <p className="text-sm text-muted" data-testid="network-note">
        {NETWORK_NOTE[kind]}
      </p>
    </figure>
  );
}
