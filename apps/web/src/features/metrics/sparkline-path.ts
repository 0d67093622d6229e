/** The frame a sparkline draws into: `windowMs` of time ending at `end`, values 0…`top` bottom to top. */
export interface SparkFrame {
  end: number;
  windowMs: number;
  width: number;
  height: number;
  top: number;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * An SVG path through time-stamped values: x by time within the window (so the line moves left as
 * time passes), y scaled to `top` and clamped to the frame; a null value breaks the line.
 * @example
 * sparklinePath([{ t: 0, v: 0 }, { t: 60_000, v: 1 }], { end: 60_000, windowMs: 60_000, width: 60, height: 20, top: 1 })
 * // 'M0 20L60 0'
 */
export function sparklinePath(points: ReadonlyArray<{ t: number; v: number | null }>, f: SparkFrame): string {
  const start = f.end - f.windowMs;
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.v === null || p.t < start) {
      pen = false;
      continue;
    }
    const x = r1(((p.t - start) / f.windowMs) * f.width);
    const y = r1(f.height - (Math.min(Math.max(p.v, 0), f.top) / f.top) * f.height);
    d += `${pen ? 'L' : 'M'}${x} ${y}`;
    pen = true;
  }
  return d;
}

/**
 * The top of a sparkline's scale: a tenth above the largest value, and never below `floor`, so an
 * idle container's noise stays a flat line near the bottom rather than filling the box.
 */
export function sparkTop(values: ReadonlyArray<number | null>, floor: number): number {
  let max = 0;
  for (const v of values) if (v !== null && v > max) max = v;
  return Math.max(floor, max * 1.1);
}
