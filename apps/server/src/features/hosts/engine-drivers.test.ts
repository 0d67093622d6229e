import { describe, expect, it } from 'vitest';
import type { DockerEngine, EngineInfo } from '@harbourmaster/engine';
import { EngineDrivers, hasDriver } from './engine-drivers.js';

function fakeHosts(answers: Array<Partial<EngineInfo> | Error>) {
  let calls = 0;
  const engine = {
    info: () => {
      const next = answers[Math.min(calls++, answers.length - 1)]!;
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next as EngineInfo);
    },
  } as Pick<DockerEngine, 'info'> as DockerEngine;
  return { hosts: { engine: () => engine }, calls: () => calls };
}

const info = (volume: string[], network: string[] = ['bridge'], swarm = false): Partial<EngineInfo> => ({
  Plugins: { Volume: volume, Network: network },
  Swarm: { LocalNodeState: swarm ? 'active' : 'inactive', ControlAvailable: swarm },
});

describe('EngineDrivers', () => {
  it('reads the drivers once and keeps them for the time to live', async () => {
    let now = 0;
    const fake = fakeHosts([info(['local']), info(['local', 'nfs'])]);
    const drivers = new EngineDrivers(fake.hosts, { ttlMs: 1000, minRefreshMs: 100, now: () => now });
    expect((await drivers.of('h')).volume).toEqual(['local']);
    now = 999;
    expect((await drivers.of('h')).volume).toEqual(['local']);
    expect(fake.calls()).toBe(1);
    now = 1001;
    expect((await drivers.of('h')).volume).toEqual(['local', 'nfs']);
    expect(fake.calls()).toBe(2);
  });

  it('reads again for a missing driver, but not more often than minRefreshMs', async () => {
    let now = 0;
    const fake = fakeHosts([info(['local']), info(['local', 'vieux/sshfs:latest'])]);
    const drivers = new EngineDrivers(fake.hosts, { ttlMs: 60_000, minRefreshMs: 100, now: () => now });
    const wantsSshfs = (d: { volume: string[] }) => hasDriver(d.volume, 'vieux/sshfs');
    expect((await drivers.of('h', wantsSshfs)).volume).toEqual(['local']);
    now = 50;
    expect((await drivers.of('h', wantsSshfs)).volume).toEqual(['local']);
    expect(fake.calls()).toBe(1);
    now = 200;
    expect((await drivers.of('h', wantsSshfs)).volume).toContain('vieux/sshfs:latest');
    expect(fake.calls()).toBe(2);
  });

  it('does not keep a failed read', async () => {
    const fake = fakeHosts([new Error('engine down'), info(['local'])]);
    const drivers = new EngineDrivers(fake.hosts);
    await expect(drivers.of('h')).rejects.toThrow('engine down');
    expect((await drivers.of('h')).volume).toEqual(['local']);
  });

  it('tells a Swarm manager and matches managed plugins without a tag', async () => {
    const drivers = new EngineDrivers(fakeHosts([info([], ['overlay'], true)]).hosts);
    expect((await drivers.of('h')).swarmManager).toBe(true);
    expect(hasDriver(['vieux/sshfs:latest'], 'vieux/sshfs')).toBe(true);
    expect(hasDriver(['vieux/sshfs:latest'], 'vieux/sshfs:1')).toBe(false);
    expect(hasDriver(['local'], 'loc')).toBe(false);
  });
});
