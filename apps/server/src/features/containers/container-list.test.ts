import { describe, expect, it } from 'vitest';
import type { ContainerSummary as EngineContainer } from '@harbourmaster/engine';
import { compareNames, listRows } from './container-list.js';

const raw = (name: string, State: string, Labels: Record<string, string> = {}): EngineContainer => ({
  Id: `${name}-id`,
  Names: [`/${name}`],
  Image: 'busybox',
  ImageID: 'sha256:1',
  Command: 'sh',
  Created: 1,
  State,
  Status: State === 'running' ? 'Up 2 seconds' : 'Exited (0) 1 second ago',
  Ports: [],
  Labels,
});

describe('compareNames', () => {
  it('orders numbers by value, ignores case and stays total', () => {
    const names = [
      'worker-10',
      'worker-2',
      'Worker-1',
      'worker-1',
      'db',
      'worker-02',
      'a10b2',
      'a10b10',
      'a9',
    ];
    expect([...names].sort(compareNames)).toEqual([
      'a9',
      'a10b2',
      'a10b10',
      'db',
      'Worker-1',
      'worker-1',
      'worker-2',
      'worker-02',
      'worker-10',
    ]);
    expect(compareNames('x', 'x')).toBe(0);
  });
});

describe('listRows', () => {
  const entries = [
    {
      raw: raw('web', 'running', { 'com.docker.compose.project': 'shop', tier: 'front' }),
      state: null,
      pid: 0,
    },
    { raw: raw('job', 'exited', { tier: 'back' }), state: null, pid: 0 },
    { raw: raw('paused', 'paused'), state: null, pid: 0 },
  ];
  const extras = { tags: new Map([['local/job', ['nightly']]]), icons: new Map<string, string>() };
  const names = (filter: Parameters<typeof listRows>[2]) =>
    listRows('local', entries, filter, extras, 0).map((r) => r.name);

  it('filters as the engine would', () => {
    expect(names({ all: true })).toEqual(['web', 'job', 'paused']);
    expect(names({ all: false })).toEqual(['web', 'paused']);
    expect(names({ all: true, state: 'exited' })).toEqual(['job']);
    expect(names({ all: true, label: 'tier' })).toEqual(['web', 'job']);
    expect(names({ all: true, label: 'tier=back' })).toEqual(['job']);
    expect(names({ all: true, project: 'shop' })).toEqual(['web']);
    expect(names({ all: true, tag: 'nightly' })).toEqual(['job']);
    expect(names({ all: true, q: 'PAU' })).toEqual(['paused']);
  });
});
