import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Host } from '@harbourmaster/contracts';
import { api, errorHint, errorText } from '../../lib/api.js';
import { useLiveEvent } from '../../lib/use-live.js';
import { timeAgo } from '../../lib/format-time.js';
import { ErrorNote, Panel, Skeleton } from '../../components/feedback.js';
import { StateBadge } from '../../components/state-badge.js';
import { Link } from '../../lib/router.js';

export const HOSTS_KEY = ['hosts'] as const;

/** The hosts with their engine version and reachability; reachability changes arrive live. */
export function HostsPanel() {
  const qc = useQueryClient();
  const hosts = useQuery({ queryKey: HOSTS_KEY, queryFn: () => api.hosts(), refetchInterval: 30_000 });
  useLiveEvent('hosts', (e) => {
    qc.setQueryData<{ hosts: Host[] }>(HOSTS_KEY, (old) =>
      old
        ? {
            hosts: old.hosts.map((h) =>
              h.id === e.hostId
                ? { ...h, status: { ...h.status, reachable: e.reachable, error: e.error } }
                : h,
            ),
          }
        : old,
    );
    // The version and last-seen time come with the next full read.
    void qc.invalidateQueries({ queryKey: HOSTS_KEY });
  });

  return (
    <Panel title="Hosts">
      {hosts.error ? (
        <ErrorNote
          error={errorText(hosts.error)}
          hint={errorHint(hosts.error)}
          onRetry={() => void hosts.refetch()}
        />
      ) : !hosts.data ? (
        <Skeleton rows={2} />
      ) : (
        <ul className="divide-y divide-line">
          {hosts.data.hosts.map((h) => (
            <li
              key={h.id}
              className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2 first:pt-0 last:pb-0"
            >
              <div className="min-w-0">
                <Link to={`/hosts/${encodeURIComponent(h.id)}`} className="font-medium hover:text-accent">
                  {h.name}
                </Link>
                <p className="truncate font-mono text-[11px] text-muted">{h.url}</p>
              </div>
              <div className="flex flex-col items-start gap-1 text-xs text-muted sm:items-end">
                <StateBadge
                  state={h.status.reachable ? 'reachable' : 'unreachable'}
                  reason={h.status.error ?? undefined}
                />
                {h.status.reachable ? (
                  <span>
                    Engine {h.status.engineVersion ?? '?'} · API {h.status.apiVersion ?? '?'}
                  </span>
                ) : (
                  <span className="max-w-64 text-bad sm:text-right">
                    {h.status.error ?? 'no answer'}
                    {h.status.lastSeenAt ? ` · last seen ${timeAgo(h.status.lastSeenAt)}` : ''}
                  </span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
