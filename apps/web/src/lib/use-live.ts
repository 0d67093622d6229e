import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { EventData, EventTopic, LiveStatus } from '@harbourmaster/client';
import { live } from './api.js';

/**
 * Hears the live events of one topic while the component is mounted. The handler may change on
 * every render without resubscribing.
 * @example
 * useLiveEvent('containers', (e) => console.log(e.name, e.state));
 */
export function useLiveEvent<T extends EventTopic>(
  topic: T,
  handler: (data: EventData<T>) => void,
  enabled = true,
): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    return live.listen(topic, (data) => ref.current(data));
  }, [topic, enabled]);
}

const subscribeStatus = (notify: () => void) => live.onStatus(notify);
const readStatus = () => live.status;

/** The live connection's state, for an indicator. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(subscribeStatus, readStatus);
}
