import type { EventData } from '@harbourmaster/client';
import type { ContainerState, ContainerSummary } from '@harbourmaster/contracts';

type StateEvent = EventData<'containers'>;
type Health = ContainerSummary['health'];

const STATES: ReadonlySet<string> = new Set<ContainerState>([
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
]);
const HEALTH: ReadonlySet<string> = new Set(['healthy', 'unhealthy', 'starting']);

/**
 * Applies one live state change to the cached list, so the table changes the moment the engine
 * reports it. Returns whether the list knew the container: an unknown one (just created, or on a
 * host that was not listed) needs a refetch to appear.
 */
export function applyStateEvent(
  rows: readonly ContainerSummary[],
  e: StateEvent,
): { rows: ContainerSummary[]; known: boolean } {
  let known = false;
  const out = rows.flatMap((c): ContainerSummary[] => {
    if (c.hostId !== e.hostId || (c.id !== e.containerId && !e.containerId.startsWith(c.id))) return [c];
    known = true;
    if (e.state === 'removed') return [];
    if (e.action === 'health_status')
      return HEALTH.has(e.state) ? [{ ...c, health: e.state as Health }] : [c];
    if (!STATES.has(e.state)) return [c]; // e.g. 'oom': the die event that follows carries the state
    // A stopped container has no health; a started one starts over until its first check.
    const health: Health =
      e.state === 'running'
        ? c.health === null
          ? null
          : 'starting'
        : e.state === 'paused'
          ? c.health
          : null;
    return [{ ...c, state: e.state as ContainerState, health }];
  });
  return { rows: out, known };
}
