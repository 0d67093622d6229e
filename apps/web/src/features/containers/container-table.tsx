import { ContainerIcon } from '../../components/container-icon.js';
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ContainerSummary } from '@harbourmaster/contracts';
import { StateBadge, containerBadgeState, containerTone } from '../../components/state-badge.js';
import { Link } from '../../lib/router.js';
import { fullTime, timeAgo } from '../../lib/format-time.js';
import { filtersKey, type Filters, type Row, type SortKey } from './container-filters.js';
import { ContainerMetricCell, isSampled } from './container-metric-cell.js';
import { containerMetricsTopic, useFollowedTopics } from '../metrics/metrics-live.js';

const COLUMNS: Array<{ key: SortKey; label: string; className: string }> = [
  { key: 'name', label: 'Name', className: 'min-w-0 flex-[2]' },
  { key: 'state', label: 'State', className: 'w-28 shrink-0' },
  { key: 'image', label: 'Image', className: 'hidden min-w-0 flex-[1.5] md:block' },
  { key: 'cpu', label: 'CPU cores', className: 'hidden w-24 shrink-0 sm:block' },
  { key: 'memory', label: 'Memory', className: 'hidden w-32 shrink-0 sm:block' },
  { key: 'hostId', label: 'Host', className: 'hidden w-24 shrink-0 lg:block' },
  { key: 'createdAt', label: 'Created', className: 'hidden w-28 shrink-0 lg:block' },
];
const ROW_HEIGHT = 48;

export const rowKey = (c: Pick<ContainerSummary, 'hostId' | 'id'>) => `${c.hostId}/${c.id}`;

function ports(c: ContainerSummary): string {
  const published = c.ports.filter((p) => p.publicPort !== null);
  return [...new Set(published.map((p) => `${p.publicPort}→${p.privatePort}`))].join(', ');
}

function ContainerRow({
  c,
  selectable,
  selected,
  onToggle,
}: {
  c: ContainerSummary;
  selectable: boolean;
  selected: boolean;
  onToggle: (c: ContainerSummary) => void;
}) {
  const sub = c.composeProject
    ? [c.composeProject, c.composeService].filter(Boolean).join(' · ')
    : c.id.slice(0, 12);
  const published = ports(c);
  return (
    <>
      {selectable && (
        <span role="cell" className="flex w-5 shrink-0 items-center">
          <input
            type="checkbox"
            aria-label={`Select ${c.name}`}
            checked={selected}
            onChange={() => onToggle(c)}
            className="size-4 accent-[var(--accent)]"
          />
        </span>
      )}
      <span role="cell" className="flex min-w-0 flex-[2] items-center gap-2.5">
        <ContainerIcon name={c.name} icon={c.icon} />
        <span className="min-w-0">
          <Link
            to={`/containers/${encodeURIComponent(c.hostId)}/${encodeURIComponent(c.id)}`}
            className="block truncate font-medium hover:text-accent"
          >
            {c.name}
          </Link>
          <span className="block truncate font-mono text-[11px] text-muted">
            {sub}
            {published && ` · ${published}`}
          </span>
        </span>
      </span>
      <span role="cell" className="w-28 shrink-0" data-testid="state">
        <StateBadge state={containerBadgeState(c)} reason={c.status} tone={containerTone(c)} />
      </span>
      <span role="cell" className="hidden min-w-0 flex-[1.5] md:block">
        <span className="block truncate font-mono text-xs">{c.image}</span>
        <span className="block truncate text-[11px] text-muted">{c.status}</span>
      </span>
      <span role="cell" className="hidden w-24 shrink-0 sm:block">
        <ContainerMetricCell c={c} field="cpu" />
      </span>
      <span role="cell" className="hidden w-32 shrink-0 sm:block">
        <ContainerMetricCell c={c} field="memory" />
      </span>
      <span role="cell" className="hidden w-24 shrink-0 truncate lg:block">
        <Link to={`/hosts/${encodeURIComponent(c.hostId)}`} className="text-muted hover:text-accent">
          {c.hostId}
        </Link>
      </span>
      <span role="cell" className="hidden w-28 shrink-0 text-muted lg:block" title={fullTime(c.createdAt)}>
        {timeAgo(c.createdAt)}
      </span>
    </>
  );
}

/**
 * The container table: only the rows in view are in the DOM (a thousand containers scroll as
 * smoothly as ten), sortable headers, checkboxes for operators.
 */
export function ContainerTable({
  rows,
  filters,
  onSort,
  selectable,
  selected,
  onToggle,
  onToggleAll,
}: {
  rows: Row[];
  filters: Filters;
  onSort: (key: SortKey) => void;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (c: ContainerSummary) => void;
  onToggleAll: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? 36 : ROW_HEIGHT),
    overscan: 10,
  });
  // A new filter shows its results from the top, not wherever the last list was scrolled to.
  const view = filtersKey(filters);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [view]);
  const items = virtual.getVirtualItems();
  // Only the rows in view (and the overscan) follow live metrics; scrolling settles before it changes.
  useFollowedTopics(
    items.flatMap((v) => {
      const r = rows[v.index];
      return r?.kind === 'container' && isSampled(r.c) ? [containerMetricsTopic(r.c.hostId, r.c.id)] : [];
    }),
  );
  const containers = rows.flatMap((r) => (r.kind === 'container' ? [r.c] : []));
  const chosen = containers.filter((c) => selected.has(rowKey(c))).length;

  return (
    <div
      role="table"
      aria-label="Containers"
      aria-rowcount={containers.length + 1}
      className="overflow-hidden rounded-xl border border-line bg-surface"
    >
      <div
        role="row"
        className="flex items-center gap-3 border-b border-line bg-surface-2/50 px-3 py-2 text-[11px] font-medium tracking-wide text-muted uppercase"
      >
        {selectable && (
          <span role="columnheader" className="flex w-5 shrink-0 items-center">
            <input
              type="checkbox"
              aria-label="Select all shown containers"
              checked={containers.length > 0 && chosen === containers.length}
              ref={(el) => {
                if (el) el.indeterminate = chosen > 0 && chosen < containers.length;
              }}
              onChange={onToggleAll}
              className="size-4 accent-[var(--accent)]"
            />
          </span>
        )}
        {COLUMNS.map((col) => (
          <span
            key={col.key}
            role="columnheader"
            className={col.className}
            aria-sort={filters.sort === col.key ? (filters.desc ? 'descending' : 'ascending') : 'none'}
          >
            <button className="uppercase hover:text-fg" onClick={() => onSort(col.key)}>
              {col.label}
              <span aria-hidden className="ml-1 inline-block w-2">
                {filters.sort === col.key ? (filters.desc ? '↓' : '↑') : ''}
              </span>
            </button>
          </span>
        ))}
      </div>
      <div
        ref={scroller}
        className="max-h-[calc(100dvh-250px)] min-h-48 overflow-auto overscroll-contain"
        data-testid="container-rows"
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            const style = { height: v.size, transform: `translateY(${v.start}px)` };
            if (row.kind === 'group')
              return (
                <div
                  key={`g-${row.name}`}
                  style={style}
                  className="absolute inset-x-0 top-0 flex items-center gap-2 border-b border-line bg-surface-2 px-3 text-xs font-semibold"
                >
                  {row.host ? (
                    <Link
                      to={`/stacks/${encodeURIComponent(row.host)}/${encodeURIComponent(row.name)}`}
                      className="hover:text-accent hover:underline"
                    >
                      {row.name}
                    </Link>
                  ) : (
                    row.name
                  )}
                  <span className="font-normal text-muted">
                    {row.running}/{row.count} running
                  </span>
                </div>
              );
            const k = rowKey(row.c);
            return (
              <div
                key={k}
                role="row"
                aria-rowindex={v.index + 2}
                aria-selected={selectable ? selected.has(k) : undefined}
                data-name={row.c.name}
                style={style}
                className={`absolute inset-x-0 top-0 flex items-center gap-3 border-b border-line px-3 text-sm transition-colors hover:bg-surface-2 ${selected.has(k) ? 'bg-accent/6' : ''}`}
              >
                <ContainerRow
                  c={row.c}
                  selectable={selectable}
                  selected={selected.has(k)}
                  onToggle={onToggle}
                />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
