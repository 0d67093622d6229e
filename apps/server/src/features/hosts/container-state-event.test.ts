import { describe, expect, it } from 'vitest';
import { containerStateEvent } from './container-state-event.js';

const ev = (Type: string, Action: string) => ({
  Type,
  Action,
  Actor: { ID: 'abc123', Attributes: { name: 'web' } },
  time: 1,
  timeNano: 1_700_000_000_123_456_000,
});

describe('containerStateEvent', () => {
  it('maps lifecycle actions to the state they leave', () => {
    expect(containerStateEvent('local', ev('container', 'die'))).toEqual({
      hostId: 'local',
      containerId: 'abc123',
      name: 'web',
      action: 'die',
      state: 'exited',
      at: 1_700_000_000_123,
    });
    expect(containerStateEvent('local', ev('container', 'start'))?.state).toBe('running');
    expect(containerStateEvent('local', ev('container', 'pause'))?.state).toBe('paused');
    expect(containerStateEvent('local', ev('container', 'destroy'))?.state).toBe('removed');
  });

  it('reports health changes', () => {
    expect(containerStateEvent('local', ev('container', 'health_status: unhealthy'))).toMatchObject({
      action: 'health_status',
      state: 'unhealthy',
    });
  });

  it('ignores events that change no state', () => {
    expect(containerStateEvent('local', ev('container', 'exec_start: sh'))).toBeNull();
    expect(containerStateEvent('local', ev('network', 'connect'))).toBeNull();
  });
});
