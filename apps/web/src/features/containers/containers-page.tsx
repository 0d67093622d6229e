import { useMemo, useState } from 'react';
import type { ContainerSummary } from '@harbourmaster/contracts';
import { useContainers } from './use-containers.js';
import { compareNames } from '../../lib/natural-sort.js';
import {
  applyFilters,
  filtersFromSearch,
  filtersToSearch,
  groupByProject,
  isMetricSort,
  labelKeys,
  type Filters,
  type Row,
  type SortKey,
} from './container-filters.js';
import { BulkBar, type Target } from './bulk-bar.js';
import { ContainerToolbar } from './container-toolbar.js';
import { ContainerTable, rowKey } from './container-table.js';
import { EmptyState, ErrorNote, PageHeader, Skeleton } from '../../components/feedback.js';
import { Link, navigate, usePath } from '../../lib/router.js';
import { useCan } from '../../lib/session.js';
import { errorHint, errorText } from '../../lib/api.js';
import { useLatestMetrics } from '../metrics/use-latest-metrics.js';
import { rowMetricsKey } from '../metrics/metrics-store.js';

/** How often the latest values are read again while the table is sorted by them. */
const METRIC_SORT_REFRESH_MS = 3000;

/** One table of every container on every host, live, with filters in the address bar. */
export function ContainersPage() {
  const { data, isPending, error, refetch } = useContainers();
  const canOperate = useCan('operator');
  const path = usePath();
  const f = useMemo(() => filtersFromSearch(path.split('?')[1] ?? ''), [path]);
  const setFilters = (next: Filters) => navigate(`/containers${filtersToSearch(next)}`, true);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [showReport, setShowReport] = useState(false);

  const all = useMemo(() => data?.containers ?? [], [data]);
  const hosts = useMemo(() => [...new Set(all.map((c) => c.hostId))].sort(compareNames), [all]);
  const keys = useMemo(() => labelKeys(all), [all]);
  // Sorting by CPU or memory covers every row, not only those in view: it reads each host's last pass.
  const latest = useLatestMetrics(hosts, isMetricSort(f.sort), METRIC_SORT_REFRESH_MS);
  const filtered = useMemo(
    () => applyFilters(all, f, (c) => latest.byRow.get(rowMetricsKey(c.hostId, c.id))),
    [all, f, latest.byRow],
  );
  const rows: Row[] = useMemo(
    () => (f.stacks ? groupByProject(filtered) : filtered.map((c) => ({ kind: 'container' as const, c }))),
    [filtered, f.stacks],
  );
  // Removed containers drop out of the selection by themselves: it is read through the live list.
  const targets: Target[] = all
    .filter((c) => selected.has(rowKey(c)))
    .map((c) => ({ host: c.hostId, id: c.id, name: c.name }));
  const running = all.filter((c) => c.state === 'running').length;

  const toggle = (c: ContainerSummary) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(rowKey(c))) next.add(rowKey(c));
      return next;
    });
  const toggleAll = () =>
    setSelected((s) => {
      const shown = filtered.map(rowKey);
      return shown.every((k) => s.has(k))
        ? new Set([...s].filter((k) => !shown.includes(k)))
        : new Set([...s, ...shown]);
    });
  // The busiest first is what a person sorting by CPU or memory is after.
  const sortBy = (k: SortKey) =>
    setFilters({ ...f, sort: k, desc: f.sort === k ? !f.desc : isMetricSort(k) });

  return (
    <>
      <PageHeader
        title="Containers"
        subtitle={
          data
            ? `${all.length} containers · ${running} running${hosts.length > 1 ? ` · ${hosts.length} hosts` : ''}`
            : undefined
        }
      >
        {canOperate && (
          <Link
            to="/containers/new"
            className="rounded-md bg-accent px-3 py-1.5 text-[13px] font-medium text-accent-fg hover:opacity-90"
          >
            New container
          </Link>
        )}
      </PageHeader>
      <ContainerToolbar filters={f} onChange={setFilters} hosts={hosts} labelKeys={keys} />
      {canOperate && (targets.length > 0 || showReport) && (
        <BulkBar
          targets={targets}
          hidden={targets.length - filtered.filter((c) => selected.has(rowKey(c))).length}
          onDone={(ok) => {
            setShowReport(true);
            setSelected((s) => new Set([...s].filter((k) => !ok.includes(k))));
          }}
          onClear={() => {
            setSelected(new Set());
            setShowReport(false);
          }}
        />
      )}
      {data?.hostErrors.map((h) => (
        <ErrorNote
          key={h.hostId}
          error={`Host ${h.hostId} could not be listed: ${h.message}`}
          hint="Its containers are missing below until it answers again; the dashboard shows its state."
        />
      ))}
      {error && <ErrorNote error={errorText(error)} hint={errorHint(error)} onRetry={() => void refetch()} />}
      {isPending && <Skeleton rows={8} className="h-11" />}
      {data && rows.length === 0 && (
        <EmptyState title={all.length === 0 ? 'No containers yet' : 'Nothing matches these filters'}>
          {all.length === 0
            ? 'Containers on your hosts appear here as soon as they exist — started from the CLI, Compose or this panel.'
            : 'Clear the search, the state or the label filter to see more.'}
        </EmptyState>
      )}
      {rows.length > 0 && (
        <ContainerTable
          rows={rows}
          filters={f}
          onSort={sortBy}
          selectable={canOperate}
          selected={selected}
          onToggle={toggle}
          onToggleAll={toggleAll}
        />
      )}
    </>
  );
}
