import { useSyncExternalStore } from 'react';
import type { EventData } from '@harbourmaster/client';
import { live } from '../../lib/api.js';

export interface FeedItem {
  key: string;
  at: number;
  hostId: string;
  type: string;
  action: string;
  name: string;
}

const MAX = 30;
let items: readonly FeedItem[] = [];
let stop: (() => void) | null = null;
const listeners = new Set<() => void>();
let seq = 0;

function add(d: EventData<'engine-events'>): void {
  // Health checks run an exec every interval; those would drown out the events that matter.
  if (d.action.startsWith('exec_')) return;
  const item: FeedItem = {
    key: String(seq++),
    at: d.at,
    hostId: d.hostId,
    type: d.type,
    action: d.action.split(':')[0] ?? d.action,
    name: d.attributes.name ?? d.actorId.slice(0, 12),
  };
  items = [item, ...items].slice(0, MAX);
  listeners.forEach((l) => l());
}

/**
 * Starts collecting engine events. Called at sign-in, so the dashboard shows what happened while the
 * person was on another page: the server keeps no history of engine events to fetch instead.
 */
export function startEngineFeed(): void {
  stop ??= live.listen('engine-events', add);
}

function subscribe(listener: () => void): () => void {
  startEngineFeed();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The latest engine events (newest first) since the panel was opened. */
export function useEngineFeed(): readonly FeedItem[] {
  return useSyncExternalStore(subscribe, () => items);
}

/** Forgets the feed, e.g. when the person signs out. */
export function resetEngineFeed(): void {
  stop?.();
  stop = null;
  items = [];
}
