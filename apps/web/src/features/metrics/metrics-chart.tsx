import { useEffect, useRef, useState, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../../lib/theme.js';
import type { AlignedData } from './chart-data.js';
import { readChartColors, withAlpha } from './chart-colors.js';
import { ChartLegend } from './chart-legend.js';

const HEIGHT = 170;
const FONT = '11px Inter, system-ui, sans-serif';

export interface MetricsChartProps {
  title: string;
  /** The latest value(s) as text: shown beside the title, and what a screen reader hears. */
  latest: string;
  /** x (unix seconds), then avg and max of each series in turn (see alignedData). */
  data: AlignedData;
  /** One label per series, e.g. ['Received', 'Sent']. */
  labels: readonly string[];
  format: (value: number) => string;
  /** A fixed top of the scale (100 for %, the host's memory); otherwise it follows the data. */
  yMax?: number | undefined;
  /** The lowest top of a scale that follows the data, so idle noise does not fill the chart. */
  yFloor?: number | undefined;
  /** Steps between the value axis' ticks (BINARY_INCRS for memory); uPlot's decimal ones otherwise. */
  incrs?: readonly number[] | undefined;
  /** The time shown, unix seconds (see timeWindow); otherwise the data's own span. */
  xRange?: [number, number] | undefined;
  note?: ReactNode;
}

/** uPlot's options; `props()` is read when it draws, so new values need no new chart. */
function options(
  props: () => MetricsChartProps,
  width: number,
  onCursor: (i: number | null) => void,
): uPlot.Options {
  const c = readChartColors();
  const color = (i: number) => c.series[i % c.series.length] ?? c.axis;
  const axis = {
    stroke: c.axis,
    font: FONT,
    grid: { stroke: c.grid, width: 1 },
    ticks: { stroke: c.grid, width: 1 },
  };
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    series: [
      {},
      ...props().labels.flatMap((label, i) => [
        { label: `${label} average`, stroke: color(i), width: 1.5 },
        { label: `${label} maximum`, stroke: withAlpha(color(i), 0.5), width: 1, dash: [4, 3] },
      ]),
    ],
    // Between each average and its maximum: a light band, so the spread reads at a glance.
    bands: props().labels.map((_, i) => ({
      series: [2 + 2 * i, 1 + 2 * i] as [number, number],
      fill: withAlpha(color(i), 0.1),
    })),
    scales: {
      x: { time: true, range: (_u, min, max) => props().xRange ?? [min, max] },
      y: {
        range: (_u, _min, max) => {
          const { yMax, yFloor } = props();
          return [0, yMax ?? (Math.max(yFloor ?? 0, max * 1.1) || 1)];
        },
      },
    },
    axes: [
      axis,
      {
        ...axis,
        values: (_u, splits) => splits.map((v) => props().format(v)),
        ...(props().incrs ? { incrs: [...(props().incrs ?? [])] } : {}),
        size: (_u, values) => (values ? Math.max(...values.map((v) => v.length)) * 6.5 + 16 : 48),
      },
    ],
    hooks: { setCursor: [(u) => onCursor(u.cursor.idx ?? null)] },
  };
}

/**
 * One metric over time with uPlot (canvas): the average as a line, the maximum as a lighter dashed
 * line with a band between them. Colours come from the theme when it draws, and it draws again when
 * the theme changes; it follows its container's width.
 */
export function MetricsChart(props: MetricsChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const [theme] = useTheme();
  const [cursor, setCursor] = useState<number | null>(null);
  const { labels, data } = props;
  // A new chart only for new series or colours; values, scales and formats are read as it draws.
  const structure = JSON.stringify([labels, theme]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const u = new uPlot(
      options(() => latest.current, el.clientWidth, setCursor),
      latest.current.data,
      el,
    );
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [structure]);

  const [from, to] = props.xRange ?? [];
  useEffect(() => {
    plot.current?.setData(data);
  }, [data, from, to, props.yMax]);

  return (
    <figure className="min-w-0 rounded-xl border border-line bg-surface p-4">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-x-3">
        <span className="text-[13px] font-semibold">{props.title}</span>
        <span className="font-mono text-xs text-muted tabular-nums" data-testid="chart-latest">
          {props.latest}
        </span>
      </figcaption>
      <div
        ref={box}
        role="img"
        aria-label={`${props.title} chart, average and maximum per point; now ${props.latest}`}
        className="h-[170px] w-full"
        data-testid="chart"
      />
      <ChartLegend labels={labels} data={data} index={cursor} format={props.format} />
      {props.note && <p className="mt-2 text-xs text-muted">{props.note}</p>}
    </figure>
  );
}
