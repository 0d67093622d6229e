import { describe, expect, it } from 'vitest';
import { parseDockerRun } from './docker-run-parse.js';
import { runToService } from './run-to-service.js';
import { splitShellWords } from './shell-words.js';

const build = (flags: string) =>
  runToService(parseDockerRun(splitShellWords(`docker run ${flags} img`).words));
const devices = (flags: string) => build(flags).service.deploy?.resources.reservations.devices;

describe('--gpus', () => {
  it('reserves all GPUs, a count, or named devices', () => {
    expect(devices('--gpus all')).toEqual([{ capabilities: ['gpu'], count: 'all' }]);
    expect(devices('--gpus 2')).toEqual([{ capabilities: ['gpu'], count: 2 }]);
    expect(devices(`--gpus '"device=0,2"'`)).toEqual([{ capabilities: ['gpu'], device_ids: ['0', '2'] }]);
    expect(devices('--gpus count=1,driver=nvidia,capabilities=compute')).toEqual([
      { capabilities: ['compute'], count: 1, driver: 'nvidia' },
    ]);
  });

  it('warns that the reservation needs a Compose that knows it', () => {
    expect(build('--gpus all').warnings).toEqual([
      expect.stringMatching(/^--gpus became a device reservation/),
    ]);
  });

  it('refuses what docker refuses', () => {
    expect(() => build('--gpus lots')).toThrow(/expected all, a count/);
    expect(() => build('--gpus count=0')).toThrow(/whole number of at least 1/);
    expect(() => build(`--gpus 'count=1,"device=0"'`)).toThrow(/a count or devices, not both/);
    expect(() => build('--gpus colour=red')).toThrow(/colour is not a --gpus option/);
  });
});
