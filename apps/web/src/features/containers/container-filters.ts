import type { ContainerSummary } from '@harbourmaster/contracts';

export type SortKey = 'name' | 'state' | 'image' | 'createdAt' | 'hostId';

export interface Filters {
  q: string;
  state: string;
  host: string;
  sort: SortKey;
  desc: boolean;
}

/** Filters and sorts rows the way the table shows them. */
export function applyFilters(rows: readonly ContainerSummary[], f: Filters): ContainerSummary[] {
  const q = f.q.trim().toLowerCase();
  const out = rows.filter(
    (c) =>
      (!q ||
        c.name.toLowerCase().includes(q) ||
        c.image.toLowerCase().includes(q) ||
        Object.entries(c.labels).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(q))) &&
      (!f.state || c.state === f.state || c.health === f.state) &&
      (!f.host || c.hostId === f.host),
  );
  out.sort((a, b) => {
    const x = a[f.sort];
    const y = b[f.sort];
    const r = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return f.desc ? -r : r;
  });
  return out;
}

export type Row = { kind: 'group'; name: string; count: number } | { kind: 'container'; c: ContainerSummary };

/** Rows for the stack view: containers under their compose project, loose ones last. */
export function groupByProject(rows: readonly ContainerSummary[]): Row[] {
  const groups = new Map<string, ContainerSummary[]>();
  for (const c of rows) {
    const key = c.composeProject ?? '';
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const names = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  return names.flatMap((name) => {
    const members = groups.get(name) ?? [];
    return [
      { kind: 'group' as const, name: name || 'Not in a stack', count: members.length },
      ...members.map((c) => ({ kind: 'container' as const, c })),
    ];
  });
}
