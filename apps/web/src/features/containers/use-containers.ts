import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import { useLiveEvent } from '../../lib/use-live.js';
import { applyStateEvent } from './container-list-patch.js';

export const CONTAINERS_KEY = ['containers'] as const;
type ListReply = Awaited<ReturnType<typeof api.containers>>;

/**
 * The container list across hosts, kept live: a state event patches the cached row at once, then a
 * quiet refetch (debounced, so a burst of events costs one) fills in what events do not carry:
 * status text, ports, containers created meanwhile.
 */
export function useContainers() {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: CONTAINERS_KEY, queryFn: () => api.containers() });
  const refetch = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (refetch.current) clearTimeout(refetch.current);
    },
    [],
  );
  useLiveEvent('containers', (e) => {
    qc.setQueryData<ListReply>(CONTAINERS_KEY, (old) =>
      old ? { ...old, containers: applyStateEvent(old.containers, e).rows } : old,
    );
    if (refetch.current) clearTimeout(refetch.current);
    refetch.current = setTimeout(() => void qc.invalidateQueries({ queryKey: CONTAINERS_KEY }), 800);
  });
  return query;
}
