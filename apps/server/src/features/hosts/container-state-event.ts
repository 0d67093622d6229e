import type { EngineEvent } from '@harbourmaster/engine';
import type { BusEvents } from '../../events/event-bus.js';

/** The state a container is in right after each lifecycle action (health is reported as its own state). */
const STATE_AFTER: Record<string, string> = {
  create: 'created',
  start: 'running',
  restart: 'running',
  unpause: 'running',
  pause: 'paused',
  die: 'exited',
  stop: 'exited',
  destroy: 'removed',
  oom: 'oom',
};

/**
 * Turns an engine event into a container state change, or null when the event changes no state
 * (exec, attach, top, resize…). Computed from the event alone so it reaches clients at once.
 */
export function containerStateEvent(hostId: string, event: EngineEvent): BusEvents['container.state'] | null {
  if (event.Type !== 'container') return null;
  const action = event.Action;
  let state = STATE_AFTER[action];
  if (action.startsWith('health_status')) state = action.split(':')[1]?.trim() ?? 'health';
  if (!state) return null;
  return {
    hostId,
    containerId: event.Actor.ID,
    name: event.Actor.Attributes.name ?? event.Actor.ID.slice(0, 12),
    action: action.split(':')[0] ?? action,
    state,
    at: Math.floor(event.timeNano / 1e6),
  };
}
