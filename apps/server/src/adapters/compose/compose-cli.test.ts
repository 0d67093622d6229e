import { describe, expect, it } from 'vitest';
import { createComposeDetector, type ComposeProbe } from './compose-cli.js';

/** A fake probe answering from a table of argv → stdout; anything else fails like a missing program. */
function fakeProbe(answers: Record<string, string>): { probe: ComposeProbe; calls: string[][] } {
  const calls: string[][] = [];
  const probe: ComposeProbe = (argv) => {
    calls.push(argv);
    const out = answers[argv.join(' ')];
    return out === undefined ? Promise.reject(new Error('ENOENT')) : Promise.resolve(out);
  };
  return { probe, calls };
}

describe('createComposeDetector', () => {
  it('prefers the docker compose plugin when it answers with a version', async () => {
    const { probe, calls } = fakeProbe({
      'docker compose version --short': 'v2.27.0\n',
      'docker-compose version --short': '1.29.2\n',
    });
    await expect(createComposeDetector(probe)({ PATH: '/bin' })).resolves.toEqual({
      kind: 'plugin',
      command: ['docker', 'compose'],
      version: '2.27.0',
    });
    expect(calls).toEqual([['docker', 'compose', 'version', '--short']]);
  });

  it('falls back to standalone docker-compose', async () => {
    const { probe, calls } = fakeProbe({ 'docker-compose version --short': '1.29.2\n' });
    await expect(createComposeDetector(probe)({ PATH: '/bin' })).resolves.toEqual({
      kind: 'standalone',
      command: ['docker-compose'],
      version: '1.29.2',
    });
    expect(calls).toHaveLength(2);
  });

  it('does not take non-version output for a CLI', async () => {
    const { probe } = fakeProbe({ 'docker compose version --short': 'Usage: docker [OPTIONS]' });
    await expect(createComposeDetector(probe)({ PATH: '/bin' })).resolves.toEqual({
      kind: null,
      reason: 'neither `docker compose` nor `docker-compose` is installed',
    });
  });

  it('asks once per PATH and HOME, and again for a different PATH', async () => {
    const { probe, calls } = fakeProbe({ 'docker-compose version --short': '1.29.2' });
    const detect = createComposeDetector(probe);
    await detect({ PATH: '/bin', HOME: '/root' });
    await detect({ PATH: '/bin', HOME: '/root', OTHER: 'x' });
    expect(calls).toHaveLength(2);
    await detect({ PATH: '/usr/bin', HOME: '/root' });
    expect(calls).toHaveLength(4);
  });
});
