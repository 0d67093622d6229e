import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useContainers } from './use-containers.js';
import { applyFilters, groupByProject, type Filters, type Row, type SortKey } from './container-filters.js';
import { BulkBar, type Target } from './bulk-bar.js';
import { StateBadge, containerBadgeState } from '../../components/state-badge.js';
import { EmptyState, ErrorNote, PageHeader, Skeleton } from '../../components/feedback.js';
import { Link } from '../../lib/router.js';
import { useCan } from '../../lib/session.js';
import { errorText } from '../../lib/api.js';

const STATES = ['', 'running', 'exited', 'paused', 'restarting', 'created', 'unhealthy'];
const COLUMNS: Array<{ key: SortKey; label: string; className: string }> = [
  { key: 'name', label: 'Name', className: 'flex-[2]' },
  { key: 'state', label: 'State', className: 'w-28' },
  { key: 'image', label: 'Image', className: 'hidden flex-[2] md:block' },
  { key: 'hostId', label: 'Host', className: 'hidden w-20 lg:block' },
  { key: 'createdAt', label: 'Created', className: 'hidden w-28 lg:block' },
];
const ROW_HEIGHT = 44;

export function ContainersPage() {
  const { data, isPending, error } = useContainers();
  const canOperate = useCan('operator');
  const [f, setF] = useState<Filters>({ q: '', state: '', host: '', sort: 'name', desc: false });
  const [grouped, setGrouped] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const all = data?.containers ?? [];
  const hosts = useMemo(() => [...new Set(all.map((c) => c.hostId))], [all]);
  const filtered = useMemo(() => applyFilters(all, f), [all, f]);
  const rows: Row[] = useMemo(
    () => (grouped ? groupByProject(filtered) : filtered.map((c) => ({ kind: 'container' as const, c }))),
    [filtered, grouped],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const key = (host: string, id: string) => `${host}/${id}`;
  const targets: Target[] = all
    .filter((c) => selected.has(key(c.hostId, c.id)))
    .map((c) => ({ host: c.hostId, id: c.id, name: c.name }));

  const toggle = (k: string) =>
    setSelected((s) => (s.has(k) ? new Set([...s].filter((x) => x !== k)) : new Set([...s, k])));
  const sortBy = (k: SortKey) => setF((x) => ({ ...x, sort: k, desc: x.sort === k ? !x.desc : false }));

  return (
    <>
      <PageHeader title="Containers">
        <input
          type="search"
          aria-label="Search containers"
          placeholder="Search name, image, label…"
          value={f.q}
          onChange={(e) => setF({ ...f, q: e.target.value })}
          className="w-56 rounded-md border border-line bg-surface px-3 py-1.5 text-sm outline-none focus:border-accent"
        />
        <select
          aria-label="Filter by state"
          value={f.state}
          onChange={(e) => setF({ ...f, state: e.target.value })}
          className="rounded-md border border-line bg-surface px-2 py-1.5 text-sm"
        >
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s || 'All states'}
            </option>
          ))}
        </select>
        {hosts.length > 1 && (
          <select
            aria-label="Filter by host"
            value={f.host}
            onChange={(e) => setF({ ...f, host: e.target.value })}
            className="rounded-md border border-line bg-surface px-2 py-1.5 text-sm"
          >
            <option value="">All hosts</option>
            {hosts.map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
        )}
        <label className="flex items-center gap-1.5 text-sm text-muted">
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} /> Stack
          view
        </label>
      </PageHeader>
      {canOperate && targets.length > 0 && (
        <BulkBar targets={targets} onDone={() => setSelected(new Set())} />
      )}
      {data?.hostErrors.map((h) => (
        <ErrorNote
          key={h.hostId}
          error={`Host ${h.hostId}: ${h.message}`}
          hint="Its containers are missing below until it is reachable again."
        />
      ))}
      {error && <ErrorNote error={errorText(error)} hint="Check that the daemon is running, then reload." />}
      {isPending && <Skeleton rows={8} />}
      {data && rows.length === 0 && (
        <EmptyState title={all.length === 0 ? 'No containers yet' : 'Nothing matches these filters'}>
          {all.length === 0
            ? 'Containers on your hosts appear here.'
            : 'Clear the search or the state filter.'}
        </EmptyState>
      )}
      {rows.length > 0 && (
        <div className="overflow-hidden rounded-xl border border-line bg-surface">
          <div
            role="row"
            className="flex items-center gap-3 border-b border-line px-3 py-2 text-xs font-medium tracking-wide text-muted uppercase"
          >
            {canOperate && <span className="w-5" />}
            {COLUMNS.map((c) => (
              <button
                key={c.key}
                className={`${c.className} text-left hover:text-fg`}
                onClick={() => sortBy(c.key)}
                aria-sort={f.sort === c.key ? (f.desc ? 'descending' : 'ascending') : 'none'}
              >
                {c.label}
                {f.sort === c.key ? (f.desc ? ' ↓' : ' ↑') : ''}
              </button>
            ))}
          </div>
          <div
            ref={scroller}
            className="max-h-[calc(100vh-220px)] overflow-auto"
            data-testid="container-rows"
          >
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {virtual.getVirtualItems().map((v) => {
                const row = rows[v.index];
                if (!row) return null;
                const style = {
                  position: 'absolute' as const,
                  top: 0,
                  left: 0,
                  right: 0,
                  height: v.size,
                  transform: `translateY(${v.start}px)`,
                };
                if (row.kind === 'group') {
                  return (
                    <div
                      key={`g-${row.name}`}
                      style={style}
                      className="flex items-center gap-2 border-b border-line bg-surface-2 px-3 text-xs font-semibold"
                    >
                      {row.name} <span className="font-normal text-muted">{row.count}</span>
                    </div>
                  );
                }
                const c = row.c;
                const k = key(c.hostId, c.id);
                return (
                  <div
                    key={k}
                    role="row"
                    data-name={c.name}
                    style={style}
                    className="flex items-center gap-3 border-b border-line px-3 text-sm hover:bg-surface-2"
                  >
                    {canOperate && (
                      <input
                        type="checkbox"
                        aria-label={`Select ${c.name}`}
                        className="w-5"
                        checked={selected.has(k)}
                        onChange={() => toggle(k)}
                      />
                    )}
                    <Link
                      to={`/containers/${c.hostId}/${c.id}`}
                      className="flex-[2] truncate font-medium hover:text-accent"
                    >
                      {c.name}
                    </Link>
                    <span className="w-28" data-testid="state">
                      <StateBadge state={containerBadgeState(c)} reason={c.status} />
                    </span>
                    <span className="hidden flex-[2] truncate font-mono text-xs text-muted md:block">
                      {c.image}
                    </span>
                    <span className="hidden w-20 text-muted lg:block">{c.hostId}</span>
                    <span className="hidden w-28 text-muted lg:block">
                      {new Date(c.createdAt).toLocaleDateString()}
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </>
  );
}
