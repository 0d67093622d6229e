import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContainerSummary } from '@harbourmaster/contracts';
import { api, live } from '../../lib/api.js';

export const CONTAINERS_KEY = ['containers'] as const;
type ListReply = Awaited<ReturnType<typeof api.containers>>;

/**
 * The container list across hosts, kept live: a state event patches the cached row at once, then a
 * quiet refetch fills in what the event does not carry (status text, ports, new containers).
 */
export function useContainers() {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: CONTAINERS_KEY, queryFn: () => api.containers() });
  useEffect(() => {
    live.subscribe(['containers']);
    let refetch: ReturnType<typeof setTimeout> | null = null;
    const off = live.on((msg) => {
      if (msg.type !== 'event' || msg.topic !== 'containers') return;
      const e = msg.data;
      qc.setQueryData<ListReply>(CONTAINERS_KEY, (old) => {
        if (!old) return old;
        const containers = old.containers.flatMap((c): ContainerSummary[] => {
          if (c.id !== e.containerId || c.hostId !== e.hostId) return [c];
          if (e.state === 'removed') return [];
          if (e.action === 'health_status') return [{ ...c, health: e.state as ContainerSummary['health'] }];
          return e.state === 'oom' ? [c] : [{ ...c, state: e.state as ContainerSummary['state'] }];
        });
        return { ...old, containers };
      });
      if (refetch) clearTimeout(refetch);
      refetch = setTimeout(() => void qc.invalidateQueries({ queryKey: CONTAINERS_KEY }), 600);
    });
    return () => {
      off();
      if (refetch) clearTimeout(refetch);
    };
  }, [qc]);
  return query;
}
