import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, live } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { useContainers } from '../containers/use-containers.js';
import { StateBadge, containerBadgeState } from '../../components/state-badge.js';
import { EmptyState, PageHeader, Skeleton } from '../../components/feedback.js';

type EngineEventRow = { hostId: string; type: string; action: string; name: string; at: number };

function Stat({ label, value, tone }: { label: string; value: number; tone: string }) {
  return (
    <div className="rounded-xl border border-line bg-surface p-4">
      <p className="text-xs tracking-wide text-muted uppercase">{label}</p>
      <p className={`mt-1 text-2xl font-semibold ${tone}`}>{value}</p>
    </div>
  );
}

/** Hosts, container counts, what needs attention first, and the latest engine events. */
export function DashboardPage() {
  const hosts = useQuery({ queryKey: ['hosts'], queryFn: () => api.hosts(), refetchInterval: 15_000 });
  const { data } = useContainers();
  const [events, setEvents] = useState<EngineEventRow[]>([]);
  useEffect(() => {
    live.subscribe(['engine-events']);
    return live.on((msg) => {
      if (msg.type !== 'event' || msg.topic !== 'engine-events') return;
      const d = msg.data;
      // Health checks run an exec every interval; those would drown out the events that matter.
      if (d.action.startsWith('exec_')) return;
      const row = {
        hostId: d.hostId,
        type: d.type,
        action: d.action.split(':')[0] ?? d.action,
        name: d.attributes.name ?? d.actorId.slice(0, 12),
        at: d.at,
      };
      setEvents((old) => [row, ...old].slice(0, 15));
    });
  }, []);

  const all = data?.containers ?? [];
  const count = (f: (c: (typeof all)[number]) => boolean) => all.filter(f).length;
  const attention = all.filter(
    (c) =>
      c.health === 'unhealthy' ||
      c.state === 'restarting' ||
      c.state === 'dead' ||
      (c.state === 'exited' && !/Exited \(0\)/.test(c.status)),
  );

  return (
    <>
      <PageHeader title="Dashboard" />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Running" value={count((c) => c.state === 'running')} tone="text-ok" />
        <Stat
          label="Stopped"
          value={count((c) => c.state === 'exited' || c.state === 'created')}
          tone="text-fg"
        />
        <Stat label="Unhealthy" value={count((c) => c.health === 'unhealthy')} tone="text-bad" />
        <Stat label="Restarting" value={count((c) => c.state === 'restarting')} tone="text-warn" />
      </div>
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <section className="rounded-xl border border-line bg-surface p-4">
          <h2 className="mb-3 text-sm font-semibold">Needs attention</h2>
          {!data ? (
            <Skeleton rows={3} />
          ) : attention.length === 0 ? (
            <p className="text-sm text-muted">
              Nothing needs attention. Every container is running or ended cleanly.
            </p>
          ) : (
            <ul className="space-y-2">
              {attention.map((c) => (
                <li key={`${c.hostId}/${c.id}`} className="flex items-center justify-between gap-2 text-sm">
                  <Link
                    to={`/containers/${c.hostId}/${c.id}`}
                    className="truncate font-medium hover:text-accent"
                  >
                    {c.name}
                  </Link>
                  <span className="flex items-center gap-2 text-xs text-muted">
                    {c.status}
                    <StateBadge state={containerBadgeState(c)} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="rounded-xl border border-line bg-surface p-4">
          <h2 className="mb-3 text-sm font-semibold">Hosts</h2>
          {!hosts.data ? (
            <Skeleton rows={2} />
          ) : (
            <ul className="space-y-2">
              {hosts.data.hosts.map((h) => (
                <li key={h.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <span>
                    <span className="font-medium">{h.name}</span>{' '}
                    <span className="font-mono text-xs text-muted">{h.url}</span>
                  </span>
                  <span className="flex items-center gap-2 text-xs text-muted">
                    {h.status.engineVersion
                      ? `Engine ${h.status.engineVersion} · API ${h.status.apiVersion ?? '?'}`
                      : (h.status.error ?? '')}
                    <StateBadge
                      state={h.status.reachable ? 'running' : 'dead'}
                      reason={h.status.error ?? undefined}
                    />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="rounded-xl border border-line bg-surface p-4 lg:col-span-2">
          <h2 className="mb-3 text-sm font-semibold">Recent engine events</h2>
          {events.length === 0 ? (
            <EmptyState title="Listening for events">
              Starts, stops and health changes appear here as they happen.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-line text-sm">
              {events.map((e, i) => (
                <li key={i} className="flex gap-3 py-1.5">
                  <span className="w-20 font-mono text-xs text-muted">
                    {new Date(e.at).toLocaleTimeString()}
                  </span>
                  <span className="w-20 text-muted">{e.type}</span>
                  <span className="w-24 font-medium">{e.action}</span>
                  <span className="truncate">{e.name}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
