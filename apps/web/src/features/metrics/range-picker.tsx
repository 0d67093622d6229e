import type { MetricsRange } from '@harbourmaster/contracts';

export const RANGES: readonly MetricsRange[] = ['5m', '1h', '24h', '7d', '30d', '90d'];
const SPOKEN: Record<MetricsRange, string> = {
  '5m': 'last 5 minutes, live',
  '1h': 'last hour',
  '24h': 'last 24 hours',
  '7d': 'last 7 days',
  '30d': 'last 30 days',
  '90d': 'last 90 days',
};

/** The time range of a page's charts: 5 minutes (live) up to 90 days. */
export function RangePicker({
  value,
  onChange,
}: {
  value: MetricsRange;
  onChange: (r: MetricsRange) => void;
}) {
  return (
    <div
      role="group"
      aria-label="Time range"
      className="inline-flex rounded-lg border border-line bg-surface p-0.5"
    >
      {RANGES.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={value === r}
          aria-label={`${r}, ${SPOKEN[r]}`}
          title={SPOKEN[r]}
          onClick={() => onChange(r)}
          className={`rounded-md px-2.5 py-1 font-mono text-xs transition-colors ${value === r ? 'bg-accent text-accent-fg' : 'text-muted hover:bg-surface-2 hover:text-fg'}`}
        >
          {r}
        </button>
      ))}
    </div>
  );
}
