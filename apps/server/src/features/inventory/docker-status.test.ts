import { describe, expect, it } from 'vitest';
import { dockerStatus, engineTime, humanDuration, type StatusState } from './docker-status.js';

const S = 1000;
const H = 3_600_000;

describe('humanDuration', () => {
  it('words durations as the engine does', () => {
    expect(humanDuration(999)).toBe('Less than a second');
    expect(humanDuration(S)).toBe('1 second');
    expect(humanDuration(59.9 * S)).toBe('59 seconds');
    expect(humanDuration(60 * S)).toBe('About a minute');
    expect(humanDuration(119 * S)).toBe('About a minute');
    expect(humanDuration(120 * S)).toBe('2 minutes');
    expect(humanDuration(59 * 60 * S)).toBe('59 minutes');
    expect(humanDuration(H)).toBe('About an hour');
    expect(humanDuration(1.49 * H)).toBe('About an hour');
    expect(humanDuration(1.5 * H)).toBe('2 hours');
    expect(humanDuration(47 * H)).toBe('47 hours');
    expect(humanDuration(48 * H)).toBe('2 days');
    expect(humanDuration(14 * 24 * H)).toBe('2 weeks');
    expect(humanDuration(60 * 24 * H)).toBe('2 months');
    expect(humanDuration(2 * 365 * 24 * H)).toBe('2 years');
  });
});

describe('dockerStatus', () => {
  const base: StatusState = {
    running: true,
    paused: false,
    restarting: false,
    dead: false,
    removing: false,
    exitCode: 0,
    startedAt: 0,
    finishedAt: null,
    health: null,
  };
  it('renders each state like the engine', () => {
    expect(dockerStatus(base, 5 * S)).toBe('Up 5 seconds');
    expect(dockerStatus({ ...base, paused: true }, 3 * 60 * S)).toBe('Up 3 minutes (Paused)');
    expect(dockerStatus({ ...base, health: 'starting' }, 2 * S)).toBe('Up 2 seconds (health: starting)');
    expect(dockerStatus({ ...base, health: 'healthy' }, 2 * S)).toBe('Up 2 seconds (healthy)');
    expect(dockerStatus({ ...base, restarting: true, exitCode: 1, finishedAt: 0 }, 4 * S)).toBe(
      'Restarting (1) 4 seconds ago',
    );
    const stopped = { ...base, running: false, exitCode: 137, finishedAt: 10 * S };
    expect(dockerStatus(stopped, 10 * S + 2 * H)).toBe('Exited (137) 2 hours ago');
    expect(dockerStatus({ ...base, running: false, startedAt: null }, 0)).toBe('Created');
    expect(dockerStatus({ ...stopped, dead: true }, 0)).toBe('Dead');
    expect(dockerStatus({ ...stopped, removing: true }, 0)).toBe('Removal In Progress');
  });
  it('reads the engine zero time as never', () => {
    expect(engineTime('0001-01-01T00:00:00Z')).toBeNull();
    expect(engineTime('2026-12-01T01:02:03.456789012Z')).toBe(Date.parse('2026-12-01T01:02:03.456Z'));
  });
});
