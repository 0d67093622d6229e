/** Colours a chart draws with, read from the theme's CSS variables when it draws. */
export interface ChartColors {
  /** One colour per series (avg lines); max lines and bands are these, lighter. */
  series: readonly string[];
  axis: string;
  grid: string;
}

/** The current theme's chart colours (the canvas cannot read CSS variables itself). */
export function readChartColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string) => style.getPropertyValue(name).trim();
  return { series: [v('--accent'), v('--ok')], axis: v('--muted'), grid: v('--border') };
}

/**
 * A `#rgb` or `#rrggbb` colour with an alpha, as `rgba()`; any other colour comes back unchanged.
 * @example withAlpha('#6e8bff', 0.25) // 'rgba(110, 139, 255, 0.25)'
 */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return color;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
