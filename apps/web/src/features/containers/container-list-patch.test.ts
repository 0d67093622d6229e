import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '@harbourmaster/contracts';
import { applyStateEvent } from './container-list-patch.js';
import { containerRow } from './container-fixture.js';

const row = (over: Partial<ContainerSummary>): ContainerSummary => containerRow(over);
const event = (over: { containerId?: string; hostId?: string; action: string; state: string }) => ({
  hostId: 'local',
  containerId: 'aaa111',
  name: 'web',
  at: 1,
  ...over,
});

describe('applyStateEvent', () => {
  it('changes the state of the container on its host only', () => {
    const rows = [row({}), row({ hostId: 'other' })];
    const { rows: out, known } = applyStateEvent(rows, event({ action: 'die', state: 'exited' }));
    expect(known).toBe(true);
    expect(out.map((c) => `${c.hostId}:${c.state}`)).toEqual(['local:exited', 'other:running']);
  });

  it('drops removed containers and tells when a container is not in the list yet', () => {
    expect(applyStateEvent([row({})], event({ action: 'destroy', state: 'removed' })).rows).toEqual([]);
    const fresh = applyStateEvent(
      [row({})],
      event({ containerId: 'bbb', action: 'create', state: 'created' }),
    );
    expect(fresh.known).toBe(false);
    expect(fresh.rows).toHaveLength(1);
  });

  it('applies health changes and resets health when a checked container stops or starts', () => {
    const checked = row({ health: 'healthy' });
    const [sick] = applyStateEvent([checked], event({ action: 'health_status', state: 'unhealthy' })).rows;
    expect(sick?.health).toBe('unhealthy');
    const [stopped] = applyStateEvent([checked], event({ action: 'die', state: 'exited' })).rows;
    expect(stopped?.health).toBeNull();
    const [started] = applyStateEvent([checked], event({ action: 'start', state: 'running' })).rows;
    expect(started?.health).toBe('starting');
  });

  it('leaves the row alone for states that are not container states (oom)', () => {
    const [same] = applyStateEvent([row({})], event({ action: 'oom', state: 'oom' })).rows;
    expect(same?.state).toBe('running');
  });
});
