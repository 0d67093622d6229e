import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { MetricsLive, MetricsRange, Topic } from '@harbourmaster/contracts';
import { live } from '../../lib/api.js';
import { appendLive, timeWindow, type SeriesPoint } from './chart-data.js';

/** How often a range is read again: about one new point each time. */
const REFRESH_MS: Record<MetricsRange, number | false> = {
  '5m': false, // live instead
  '1h': 10_000,
  '24h': 60_000,
  '7d': 300_000,
  '30d': 600_000,
  '90d': 600_000,
};
const FIVE_MINUTES = 300_000;

interface SeriesReply<F extends string> {
  points: Array<SeriesPoint<F>>;
}

/**
 * A metrics series over a range, read from the API; in the 5-minute range each live sample of
 * `topic` is appended as it arrives (`pick` finds this series' values in a live message).
 */
export function useMetricSeries<F extends string, R extends SeriesReply<F>>(opts: {
  key: readonly unknown[];
  range: MetricsRange;
  fetch: () => Promise<R>;
  topic: Topic | null;
  pick: (msg: MetricsLive) => Readonly<Record<F, number | null>> | null | undefined;
}) {
  const { range, topic } = opts;
  const query = useQuery({
    queryKey: [...opts.key, range],
    queryFn: opts.fetch,
    refetchInterval: REFRESH_MS[range],
    // The live range appends to what it read when it opened; opening it again reads afresh.
    staleTime: range === '5m' ? 0 : 5_000,
  });
  const [points, setPoints] = useState<Array<SeriesPoint<F>>>([]);
  useEffect(() => setPoints(query.data?.points ?? []), [query.data]);

  const pick = useRef(opts.pick);
  useEffect(() => {
    pick.current = opts.pick;
  });
  useEffect(() => {
    if (range !== '5m' || !topic) return;
    const release = live.subscribe([topic]);
    const off = live.on((msg) => {
      if (msg.type !== 'event' || msg.topic !== 'metrics') return;
      const values = pick.current(msg.data);
      if (values) setPoints((old) => appendLive(old, msg.data.at, values, FIVE_MINUTES));
    });
    return () => {
      off();
      release();
    };
  }, [range, topic]);

  return { ...query, points, window: timeWindow(range, points, query.dataUpdatedAt) };
}
