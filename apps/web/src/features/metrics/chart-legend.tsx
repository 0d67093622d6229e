import { clockTime } from '../../lib/format-time.js';
import type { AlignedData } from './chart-data.js';

const SWATCH = ['bg-accent', 'bg-ok'];

/**
 * What each line is, and under the pointer the values of that moment (otherwise the newest):
 * the canvas itself says nothing to a screen reader or to someone without a mouse.
 */
export function ChartLegend({
  labels,
  data,
  index,
  format,
}: {
  labels: readonly string[];
  data: AlignedData;
  index: number | null;
  format: (v: number) => string;
}) {
  const xs = data[0];
  const i = index ?? lastFilled(data);
  const at = i !== null ? xs[i] : undefined;
  const show = (v: number | null | undefined) => (v === null || v === undefined ? '–' : format(v));
  return (
    <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted">
      {labels.map((label, n) => (
        <span key={label} className="flex items-center gap-1.5">
          <span aria-hidden className={`inline-block h-0.5 w-3 rounded ${SWATCH[n % SWATCH.length]}`} />
          <span className="text-fg">{label}</span>
          <span className="font-mono tabular-nums">
            avg {show(i === null ? null : data[1 + 2 * n]?.[i])} · max{' '}
            {show(i === null ? null : data[2 + 2 * n]?.[i])}
          </span>
        </span>
      ))}
      {/* Under the pointer, the moment it points at; otherwise the values are the newest. */}
      {index !== null && at !== undefined && (
        <span className="ml-auto font-mono tabular-nums">{clockTime(at * 1000)}</span>
      )}
    </div>
  );
}

/** The newest point that has a value, or null when there is none. */
function lastFilled(data: AlignedData): number | null {
  for (let i = data[0].length - 1; i >= 0; i--)
    if (data[1]?.[i] !== null && data[1]?.[i] !== undefined) return i;
  return null;
}
