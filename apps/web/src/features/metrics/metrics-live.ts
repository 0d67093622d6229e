import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { Topic } from '@harbourmaster/contracts';
import { live } from '../../lib/api.js';
import { MetricsStore, rowMetricsKey, type RowMetrics } from './metrics-store.js';

/** Every container row's live metrics that arrived on the WebSocket, for the table's cells. */
export const metricsStore = new MetricsStore();
live.on((msg) => {
  if (msg.type === 'event' && msg.topic === 'metrics') metricsStore.apply(msg.data);
});

/** The topic of one container's live metrics; `id` is the full 64-hex container id. */
export const containerMetricsTopic = (host: string, id: string): Topic => `metrics:${host}:${id}`;
/** The topic of a host's own live metrics. */
export const hostMetricsTopic = (host: string): Topic => `metrics:${host}`;

/** One row's live metrics; re-renders only when that row's values change. */
export function useRowMetrics(host: string, id: string): RowMetrics | undefined {
  const key = rowMetricsKey(host, id);
  const subscribe = useCallback((notify: () => void) => metricsStore.subscribe(key, notify), [key]);
  return useSyncExternalStore(subscribe, () => metricsStore.get(key));
}

const hostOf = (topic: Topic) => topic.split(':')[1] ?? '';

/**
 * Follows a changing list of metrics topics (the rows in view): a change is acted on once the list
 * has been still for `delayMs`, because scrolling changes it many times a second. Topics go out one
 * host per message, as the server sends each subscribe's last minute for one host.
 */
export function useFollowedTopics(topics: readonly Topic[], delayMs = 200): void {
  const followers = useRef(new Map<string, ReturnType<typeof live.follower>>());
  useEffect(() => {
    const all = followers.current;
    return () => {
      all.forEach((f) => f.close());
      all.clear();
    };
  }, []);
  const key = [...new Set(topics)].sort().join(' ');
  useEffect(() => {
    const timer = setTimeout(() => {
      const byHost = new Map<string, Topic[]>();
      for (const t of key ? key.split(' ') : []) byHost.set(hostOf(t), [...(byHost.get(hostOf(t)) ?? []), t]);
      const all = followers.current;
      for (const [host, f] of all) if (!byHost.has(host)) f.set([]);
      for (const [host, list] of byHost) {
        let f = all.get(host);
        if (!f) all.set(host, (f = live.follower()));
        f.set(list);
      }
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
}
