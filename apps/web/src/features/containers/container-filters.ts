import type { ContainerMetricValues, ContainerSummary } from '@harbourmaster/contracts';
import { needsAttention } from '../../components/state-badge.js';
import { compareNames } from '../../lib/natural-sort.js';

export type SortKey = 'name' | 'state' | 'image' | 'createdAt' | 'hostId' | MetricSortKey;
/** Sorting by these reads each container's latest sampled values. */
export type MetricSortKey = 'cpu' | 'memory';
const SORT_KEYS: readonly SortKey[] = ['name', 'state', 'image', 'createdAt', 'hostId', 'cpu', 'memory'];

/** Whether rows sort by sampled values (which then have to be fetched and kept fresh). */
export const isMetricSort = (key: SortKey): key is MetricSortKey => key === 'cpu' || key === 'memory';

/** A container's latest sampled values, or undefined when it has none (stopped, not sampled yet). */
export type MetricsOf = (c: ContainerSummary) => ContainerMetricValues | undefined;

export interface Filters {
  q: string;
  /** A container state, a health state, or 'attention' for anything in trouble. */
  state: string;
  host: string;
  /** `key` or `key=value`, as the API's label filter. */
  label: string;
  sort: SortKey;
  desc: boolean;
  /** The stack view: rows grouped by compose project. */
  stacks: boolean;
}

export const DEFAULT_FILTERS: Filters = {
  q: '',
  state: '',
  host: '',
  label: '',
  sort: 'name',
  desc: false,
  stacks: false,
};

/** Filters from the page's query string, so a filtered view survives reloads and can be shared. */
export function filtersFromSearch(search: string): Filters {
  const p = new URLSearchParams(search);
  const sort = p.get('sort') as SortKey | null;
  return {
    q: p.get('q') ?? '',
    state: p.get('state') ?? '',
    host: p.get('host') ?? '',
    label: p.get('label') ?? '',
    sort: sort && SORT_KEYS.includes(sort) ? sort : 'name',
    desc: p.get('desc') === '1',
    stacks: p.get('view') === 'stacks',
  };
}

/** What decides which rows show (not their order): a change means a new list. */
export function filtersKey(f: Filters): string {
  return JSON.stringify([f.q, f.state, f.host, f.label, f.stacks]);
}

export function filtersToSearch(f: Filters): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.state) p.set('state', f.state);
  if (f.host) p.set('host', f.host);
  if (f.label) p.set('label', f.label);
  if (f.sort !== 'name') p.set('sort', f.sort);
  if (f.desc) p.set('desc', '1');
  if (f.stacks) p.set('view', 'stacks');
  const s = p.toString();
  return s ? `?${s}` : '';
}

function matchesLabel(labels: Record<string, string>, filter: string): boolean {
  const i = filter.indexOf('=');
  if (i < 0) return filter in labels;
  return labels[filter.slice(0, i)] === filter.slice(i + 1);
}

function matchesState(c: ContainerSummary, state: string): boolean {
  if (!state) return true;
  if (state === 'attention') return needsAttention(c);
  return c.state === state || c.health === state;
}

/**
 * Filters and sorts rows the way the table shows them. Sorting by CPU or memory reads `metricsOf`;
 * containers without values (stopped ones) go last in either direction.
 */
export function applyFilters(
  rows: readonly ContainerSummary[],
  f: Filters,
  metricsOf: MetricsOf = () => undefined,
): ContainerSummary[] {
  const q = f.q.trim().toLowerCase();
  const label = f.label.trim();
  const out = rows.filter(
    (c) =>
      (!q ||
        c.name.toLowerCase().includes(q) ||
        c.image.toLowerCase().includes(q) ||
        (c.composeProject?.toLowerCase().includes(q) ?? false) ||
        c.tags.some((t) => t.toLowerCase().includes(q))) &&
      matchesState(c, f.state) &&
      (!f.host || c.hostId === f.host) &&
      (!label || matchesLabel(c.labels, label)),
  );
  const dir = f.desc ? -1 : 1;
  const key = f.sort;
  if (isMetricSort(key)) {
    const value = new Map(out.map((c) => [c, metricsOf(c)?.[key]]));
    out.sort((a, b) => {
      const x = value.get(a);
      const y = value.get(b);
      if (x === undefined || y === undefined)
        return x === y ? compareNames(a.name, b.name) : x === undefined ? 1 : -1;
      return (x - y || compareNames(a.name, b.name)) * dir;
    });
    return out;
  }
  out.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const r = typeof x === 'number' && typeof y === 'number' ? x - y : compareNames(String(x), String(y));
    // Ties fall back to the name, so equal rows never swap places when an event re-sorts the list.
    return (r || compareNames(a.name, b.name)) * dir;
  });
  return out;
}

export type Row =
  | { kind: 'group'; name: string; count: number; running: number; host?: string }
  | { kind: 'container'; c: ContainerSummary };

/** Rows for the stack view: containers under their compose project, loose ones last. */
export function groupByProject(rows: readonly ContainerSummary[]): Row[] {
  const groups = new Map<string, ContainerSummary[]>();
  for (const c of rows) {
    const key = c.composeProject ?? '';
    const members = groups.get(key);
    if (members) members.push(c);
    else groups.set(key, [c]);
  }
  const names = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : compareNames(a, b)));
  return names.flatMap((name) => {
    const members = groups.get(name) ?? [];
    return [
      {
        kind: 'group' as const,
        name: name || 'Not in a stack',
        ...(name && members[0] ? { host: members[0].hostId } : {}),
        count: members.length,
        running: members.filter((c) => c.state === 'running').length,
      },
      ...members.map((c) => ({ kind: 'container' as const, c })),
    ];
  });
}

/** Label keys in use, most common first, for the label filter's suggestions. */
export function labelKeys(rows: readonly ContainerSummary[], max = 50): string[] {
  const counts = new Map<string, number>();
  for (const c of rows) for (const k of Object.keys(c.labels)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || compareNames(a[0], b[0]))
    .slice(0, max)
    .map(([k]) => k);
}
