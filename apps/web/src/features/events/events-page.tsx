import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, errorText, live } from '../../lib/api.js';
import { useCan } from '../../lib/session.js';
import { compareNames } from '../../lib/natural-sort.js';
import { EmptyState, ErrorNote, PageHeader } from '../../components/feedback.js';

interface TimelineItem {
  key: string;
  at: number;
  source: 'engine' | 'audit';
  host: string;
  type: string;
  action: string;
  target: string;
  detail: string;
}

/** Engine events (live, since the page opened) and audit entries in one timeline, filterable. */
export function EventsPage() {
  const isAdmin = useCan('admin');
  const audit = useQuery({ queryKey: ['audit'], queryFn: () => api.audit(200), enabled: isAdmin });
  const [engine, setEngine] = useState<TimelineItem[]>([]);
  const [filter, setFilter] = useState({ q: '', source: '', type: '' });

  const { refetch: refetchAudit } = audit;
  useEffect(() => {
    const release = live.subscribe(isAdmin ? ['engine-events', 'audit'] : ['engine-events']);
    const off = live.on((msg) => {
      if (msg.type !== 'event') return;
      if (msg.topic === 'engine-events') {
        const d = msg.data;
        const item: TimelineItem = {
          key: `e-${d.at}-${d.actorId}-${d.action}`,
          at: d.at,
          source: 'engine',
          host: d.hostId,
          type: d.type,
          action: d.action,
          target: d.attributes.name ?? d.actorId.slice(0, 12),
          detail: d.attributes.image ?? '',
        };
        setEngine((old) => [item, ...old].slice(0, 500));
      } else if (msg.topic === 'audit') {
        void refetchAudit();
      }
    });
    return () => {
      off();
      release();
    };
  }, [isAdmin, refetchAudit]);

  const items = useMemo(() => {
    const fromAudit: TimelineItem[] = (audit.data?.entries ?? []).map((e) => ({
      key: `a-${e.id}`,
      at: e.ts,
      source: 'audit',
      host: e.hostId ?? '—',
      type: e.action.split('.')[0] ?? e.action,
      action: `${e.action} · ${e.result}`,
      target: e.target ?? '—',
      detail: `by ${e.actor}`,
    }));
    const q = filter.q.toLowerCase();
    return [...engine, ...fromAudit]
      .filter(
        (i) =>
          (!filter.source || i.source === filter.source) &&
          (!filter.type || i.type === filter.type) &&
          (!q || `${i.target} ${i.action} ${i.host} ${i.detail}`.toLowerCase().includes(q)),
      )
      .sort((a, b) => b.at - a.at);
  }, [engine, audit.data, filter]);
  const types = [
    ...new Set(
      [...engine, ...(audit.data?.entries ?? []).map((e) => ({ type: e.action.split('.')[0] ?? '' }))].map(
        (i) => i.type,
      ),
    ),
  ].sort(compareNames);

  return (
    <>
      <PageHeader title="Events">
        <input
          type="search"
          aria-label="Filter events"
          placeholder="Container, host, action…"
          value={filter.q}
          onChange={(e) => setFilter({ ...filter, q: e.target.value })}
          className="w-56 rounded-md border border-line bg-surface px-3 py-1.5 text-sm outline-none focus:border-accent"
        />
        <select
          aria-label="Source"
          value={filter.source}
          onChange={(e) => setFilter({ ...filter, source: e.target.value })}
          className="rounded-md border border-line bg-surface px-2 py-1.5 text-sm"
        >
          <option value="">Engine and audit</option>
          <option value="engine">Engine events</option>
          {isAdmin && <option value="audit">Audit log</option>}
        </select>
        <select
          aria-label="Type"
          value={filter.type}
          onChange={(e) => setFilter({ ...filter, type: e.target.value })}
          className="rounded-md border border-line bg-surface px-2 py-1.5 text-sm"
        >
          <option value="">All types</option>
          {types.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </PageHeader>
      {audit.error && <ErrorNote error={errorText(audit.error)} />}
      {items.length === 0 ? (
        <EmptyState title="No events yet">
          Engine events appear here as they happen{isAdmin ? ', with every audited change' : ''}.
        </EmptyState>
      ) : (
        <ol
          className="divide-y divide-line rounded-xl border border-line bg-surface text-sm"
          data-testid="timeline"
        >
          {items.map((i) => (
            <li key={i.key} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
              <span className="w-40 font-mono text-xs text-muted">{new Date(i.at).toLocaleString()}</span>
              <span className={`w-14 text-xs ${i.source === 'audit' ? 'text-accent' : 'text-muted'}`}>
                {i.source}
              </span>
              <span className="w-16 text-xs text-muted">{i.host}</span>
              <span className="w-44 font-medium">{i.action}</span>
              <span className="truncate">{i.target}</span>
              <span className="ml-auto truncate text-xs text-muted">{i.detail}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
