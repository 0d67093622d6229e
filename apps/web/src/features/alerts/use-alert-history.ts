import { useEffect, useState } from 'react';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertHistoryItem } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { useLiveEvent } from '../../lib/use-live.js';
import { historyQuery, type AlertFilters } from './alert-filters.js';

const PAGE_SIZE = 50;
/** Deliveries change without a live event (a retry, a send): the open page asks again this often. */
const REFRESH_MS = 10_000;

/** A value that follows `value` once it has stopped changing for `ms` (typing in a search box). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * The alert history for some filters, newest first, a page at a time ("Load older" asks for the
 * alerts before the oldest shown). A recorded alert (the live `alerts` topic) refreshes it at once.
 */
export function useAlertHistory(filters: AlertFilters) {
  const qc = useQueryClient();
  const q = useSettled(filters.q, 300);
  const settled = { ...filters, q };
  const query = useInfiniteQuery({
    queryKey: ['alerts', settled],
    queryFn: ({ pageParam }) => api.alerts(historyQuery(settled, PAGE_SIZE, pageParam)),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.alerts.length < PAGE_SIZE ? undefined : last.alerts.at(-1)?.at),
    refetchInterval: REFRESH_MS,
    // Another filter keeps the list in place until its answer comes, rather than flashing to a skeleton.
    placeholderData: keepPreviousData,
  });
  useLiveEvent('alerts', () => void qc.invalidateQueries({ queryKey: ['alerts'] }));
  // Pages are cut by time, so one alert appears once; the map only guards a refetch in between.
  const alerts: AlertHistoryItem[] = [
    ...new Map((query.data?.pages ?? []).flatMap((p) => p.alerts).map((a) => [a.id, a])).values(),
  ];
  return { ...query, alerts };
}
