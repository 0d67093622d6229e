import { useId } from 'react';
import { Icon } from '../../components/icon.js';
import { DEFAULT_FILTERS, type Filters } from './container-filters.js';

const STATES: Array<[string, string]> = [
  ['', 'All states'],
  ['attention', 'Needs attention'],
  ['running', 'Running'],
  ['exited', 'Exited'],
  ['unhealthy', 'Unhealthy'],
  ['restarting', 'Restarting'],
  ['paused', 'Paused'],
  ['created', 'Created'],
  ['dead', 'Dead'],
];

const base = 'h-8 rounded-md border px-2 text-sm outline-none transition-colors focus:border-accent';
const control = `${base} border-line bg-surface`;

/** Search, state, host and label filters, and the stack view switch. */
export function ContainerToolbar({
  filters: f,
  onChange,
  hosts,
  labelKeys,
}: {
  filters: Filters;
  onChange: (next: Filters) => void;
  hosts: string[];
  labelKeys: string[];
}) {
  const labelsId = useId();
  const set = (patch: Partial<Filters>) => onChange({ ...f, ...patch });
  const filtered = f.q || f.state || f.host || f.label;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2">
      <label className="relative">
        <span className="sr-only">Search containers</span>
        <Icon name="search" className="pointer-events-none absolute top-2 left-2.5 size-4 text-muted" />
        <input
          type="search"
          aria-label="Search containers"
          placeholder="Search containers…"
          value={f.q}
          onChange={(e) => set({ q: e.target.value })}
          className={`${control} w-64 max-w-full pl-8`}
        />
      </label>
      <select
        aria-label="Filter by state"
        value={f.state}
        onChange={(e) => set({ state: e.target.value })}
        className={control}
      >
        {STATES.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {(hosts.length > 1 || f.host) && (
        <select
          aria-label="Filter by host"
          value={f.host}
          onChange={(e) => set({ host: e.target.value })}
          className={control}
        >
          <option value="">All hosts</option>
          {hosts.map((h) => (
            <option key={h}>{h}</option>
          ))}
        </select>
      )}
      <input
        aria-label="Filter by label (key or key=value)"
        placeholder="label or label=value"
        list={labelsId}
        value={f.label}
        onChange={(e) => set({ label: e.target.value })}
        className={`${control} w-48 font-mono text-xs`}
      />
      <datalist id={labelsId}>
        {labelKeys.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <button
        aria-pressed={f.stacks}
        onClick={() => set({ stacks: !f.stacks })}
        className={`${base} flex items-center gap-1.5 ${f.stacks ? 'border-accent/60 bg-accent/15 text-fg' : 'border-line bg-surface text-muted hover:text-fg'}`}
      >
        <Icon name="layers" />
        Stack view
      </button>
      {filtered && (
        <button
          className="h-8 px-2 text-sm text-accent hover:underline"
          onClick={() => onChange({ ...DEFAULT_FILTERS, sort: f.sort, desc: f.desc, stacks: f.stacks })}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
