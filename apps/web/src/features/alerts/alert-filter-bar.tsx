import { alertSeveritySchema, alertSourceSchema } from '@harbourmaster/contracts';
import type { AlertFilters } from './alert-filters.js';

const selectClass = 'rounded-md border border-line bg-surface px-2 py-1.5 text-sm';

/** Search and the four choices that narrow the history; every change is one call to `onChange`. */
export function AlertFilterBar({
  filters,
  onChange,
}: {
  filters: AlertFilters;
  onChange: (next: AlertFilters) => void;
}) {
  const set = (patch: Partial<AlertFilters>) => onChange({ ...filters, ...patch });
  return (
    <>
      <input
        type="search"
        aria-label="Search alerts"
        placeholder="Title, message, container…"
        value={filters.q}
        onChange={(e) => set({ q: e.target.value })}
        className="w-56 rounded-md border border-line bg-surface px-3 py-1.5 text-sm outline-none focus:border-accent"
      />
      <select
        aria-label="Severity"
        value={filters.severity}
        onChange={(e) => set({ severity: e.target.value as AlertFilters['severity'] })}
        className={selectClass}
      >
        <option value="">Any severity</option>
        {alertSeveritySchema.options.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
      <select
        aria-label="Status"
        value={filters.status}
        onChange={(e) => set({ status: e.target.value as AlertFilters['status'] })}
        className={selectClass}
      >
        <option value="">Firing and resolved</option>
        <option value="firing">firing</option>
        <option value="resolved">resolved</option>
      </select>
      <select
        aria-label="Source"
        value={filters.source}
        onChange={(e) => set({ source: e.target.value as AlertFilters['source'] })}
        className={selectClass}
      >
        <option value="">Any source</option>
        {alertSourceSchema.options.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
      <select
        aria-label="Acknowledged"
        value={filters.acked}
        onChange={(e) => set({ acked: e.target.value as AlertFilters['acked'] })}
        className={selectClass}
      >
        <option value="">Acknowledged or not</option>
        <option value="no">Not acknowledged</option>
        <option value="yes">Acknowledged</option>
      </select>
    </>
  );
}
