import { useCallback } from 'react';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import type { ContainerMetricValues, LatestMetricsReply } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { rowMetricsKey } from './metrics-store.js';

/** Latest values by `host/full id` (rowMetricsKey), and whether any host's answer is still missing. */
export interface LatestMetrics {
  byRow: ReadonlyMap<string, ContainerMetricValues>;
  pending: boolean;
}

/**
 * The last sampler pass of each host, read every `intervalMs` while `enabled`: what the table sorts
 * by and the dashboard ranks (live rows only cover the rows in view, these cover every container).
 */
export function useLatestMetrics(
  hosts: readonly string[],
  enabled: boolean,
  intervalMs: number,
): LatestMetrics {
  const hostList = hosts.join(' ');
  // A stable combine keeps the map the same object until an answer changes, so sorts stay memoised.
  const combine = useCallback(
    (results: Array<UseQueryResult<LatestMetricsReply>>): LatestMetrics => {
      const names = hostList.split(' ');
      const byRow = new Map<string, ContainerMetricValues>();
      results.forEach((r, i) => {
        const host = names[i];
        if (host && r.data)
          for (const [id, v] of Object.entries(r.data.containers)) byRow.set(rowMetricsKey(host, id), v);
      });
      return { byRow, pending: results.some((r) => r.isPending) };
    },
    [hostList],
  );
  return useQueries({
    queries: hosts.map((host) => ({
      queryKey: ['metrics-latest', host],
      queryFn: () => api.latestMetrics(host),
      enabled,
      refetchInterval: intervalMs,
      staleTime: intervalMs / 2,
    })),
    combine,
  });
}
