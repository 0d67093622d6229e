import type { z } from 'zod';
import type { ContainerSummary, containerListReplySchema } from '@harbourmaster/contracts';
import type { InventoryEntry } from '../inventory/host-inventory.js';
import { dockerStatus } from '../inventory/docker-status.js';
import { containerName, toContainerSummary } from './container-mapper.js';

export interface ContainerListFilter {
  host?: string | undefined;
  all: boolean;
  state?: string | undefined;
  q?: string | undefined;
  label?: string | undefined;
  project?: string | undefined;
  tag?: string | undefined;
}

export type ContainerListReply = z.infer<typeof containerListReplySchema>;

/** States the engine lists without `all`: the container's process is up. */
const UP_STATES = new Set(['running', 'paused', 'restarting']);

const CHUNKS = /(\d+)|(\D+)/g;

/**
 * Natural order: `worker-2` before `worker-10`, case ignored, then exact text so the order is
 * stable. Written out rather than `Intl.Collator({ numeric: true })`, whose collation tables cost
 * the daemon about 3 MB of memory for what container names need.
 */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase().match(CHUNKS) ?? [];
  const y = b.toLowerCase().match(CHUNKS) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const pn = /^\d/.test(p);
    const qn = /^\d/.test(q);
    if (pn && qn) {
      const diff = Number(p) - Number(q);
      if (diff !== 0 && Number.isFinite(diff)) return diff < 0 ? -1 : 1;
      if (p.length !== q.length) return p.length - q.length;
    }
    return p < q ? -1 : 1;
  }
  if (x.length !== y.length) return x.length - y.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function labelMatches(labels: Record<string, string>, filter: string): boolean {
  const eq = filter.indexOf('=');
  if (eq < 0) return filter in labels;
  return labels[filter.slice(0, eq)] === filter.slice(eq + 1);
}

/** The engine-side filters (`all`, `status`, `label`), applied to what the engine listed. */
function matchesEngineFilters(raw: InventoryEntry['raw'], filter: ContainerListFilter): boolean {
  if (!filter.all && !UP_STATES.has(raw.State)) return false;
  if (filter.state && raw.State !== filter.state) return false;
  const labels = raw.Labels ?? {};
  if (filter.label && !labelMatches(labels, filter.label)) return false;
  if (filter.project && labels['com.docker.compose.project'] !== filter.project) return false;
  return true;
}

/**
 * One host's containers as list rows, filtered as the engine would filter them; the status text is
 * rendered at `now` from the container's exact times.
 */
export function listRows(
  hostId: string,
  entries: Iterable<InventoryEntry>,
  filter: ContainerListFilter,
  extras: { tags: Map<string, string[]>; icons: Map<string, string> },
  now: number,
): ContainerSummary[] {
  const q = filter.q?.toLowerCase();
  const rows: ContainerSummary[] = [];
  for (const { raw, state } of entries) {
    if (!matchesEngineFilters(raw, filter)) continue;
    const key = `${hostId}/${containerName(raw)}`;
    const tags = extras.tags.get(key) ?? [];
    if (filter.tag && !tags.includes(filter.tag)) continue;
    const row = toContainerSummary(
      hostId,
      state ? { ...raw, Status: dockerStatus(state, now) } : raw,
      tags,
      extras.icons.get(key) ?? null,
    );
    if (q && !row.name.toLowerCase().includes(q) && !row.image.toLowerCase().includes(q)) continue;
    rows.push(row);
  }
  return rows;
}

/** Rows of every host in one natural order by name, then host. */
export function sortRows(rows: ContainerSummary[]): ContainerSummary[] {
  return rows.sort((a, b) => compareNames(a.name, b.name) || compareNames(a.hostId, b.hostId));
}
