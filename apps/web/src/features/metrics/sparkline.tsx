import { memo } from 'react';
import { sparklinePath, sparkTop } from './sparkline-path.js';
import { RECENT_MS, type RecentPoint } from './metrics-store.js';

const WIDTH = 56;
const HEIGHT = 18;

/**
 * The last minute of one value as a small line (inline SVG: cheaper than a canvas per row). It is
 * decoration: the number beside it carries the value for screen readers.
 */
export const Sparkline = memo(function Sparkline({
  points,
  field,
  floor,
}: {
  points: readonly RecentPoint[];
  field: 'cpu' | 'memory';
  /** The smallest top of the scale, so near-zero noise stays flat. */
  floor: number;
}) {
  const series = points.map((p) => ({ t: p.t, v: p[field] }));
  const end = points.at(-1)?.t ?? 0;
  const top = sparkTop(
    series.map((p) => p.v),
    floor,
  );
  const d = sparklinePath(series, { end, windowMs: RECENT_MS, width: WIDTH, height: HEIGHT, top });
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      aria-hidden
      data-testid={`sparkline-${field}`}
      className="shrink-0 overflow-visible"
    >
      <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="stroke-line" />
      <path d={d} fill="none" strokeWidth={1.25} strokeLinejoin="round" className="stroke-accent" />
    </svg>
  );
});
