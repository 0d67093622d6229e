import {
  alertSeveritySchema,
  alertSourceSchema,
  alertStatusSchema,
  type AlertSeverity,
  type AlertSource,
} from '@harbourmaster/contracts';
import type { AlertQuery } from '@harbourmaster/client';

/** The history's filters as the page holds them: '' means "any". */
export interface AlertFilters {
  severity: AlertSeverity | '';
  status: 'firing' | 'resolved' | '';
  source: AlertSource | '';
  /** 'no': waiting for someone; 'yes': someone is on it. */
  acked: 'yes' | 'no' | '';
  q: string;
}

export const NO_FILTERS: AlertFilters = { severity: '', status: '', source: '', acked: '', q: '' };

const oneOf = <T extends string>(options: readonly T[], value: string | null): T | '' =>
  value !== null && (options as readonly string[]).includes(value) ? (value as T) : '';

/** Filters from the page's query string, so a filtered history survives reloads and can be shared. */
export function filtersFromSearch(search: string): AlertFilters {
  const p = new URLSearchParams(search);
  return {
    severity: oneOf(alertSeveritySchema.options, p.get('severity')),
    status: oneOf(alertStatusSchema.options, p.get('status')),
    source: oneOf(alertSourceSchema.options, p.get('source')),
    acked: oneOf(['yes', 'no'], p.get('acked')),
    q: p.get('q') ?? '',
  };
}

/** The query string of a filter set ('' when nothing is filtered). */
export function filtersToSearch(f: AlertFilters): string {
  const p = new URLSearchParams();
  for (const key of ['severity', 'status', 'source', 'acked', 'q'] as const) if (f[key]) p.set(key, f[key]);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Whether any filter is set (the empty state then says "no match", not "no alerts yet"). */
export const isFiltered = (f: AlertFilters) => filtersToSearch(f) !== '';

/** The API's query for one page of the history, older than `before` when paging back. */
export function historyQuery(f: AlertFilters, pageSize: number, before?: number): AlertQuery {
  const q = f.q.trim();
  return {
    limit: pageSize,
    ...(f.severity && { severity: f.severity }),
    ...(f.status && { status: f.status }),
    ...(f.source && { source: f.source }),
    ...(f.acked && { acked: f.acked === 'yes' }),
    ...(q && { q }),
    ...(before !== undefined && { before }),
  };
}
