import { describe, expect, it } from 'vitest';
import { composeArgv, composeEnv, mergeEnvTexts, needsEnvMerge, validateArgs } from './compose-argv.js';

describe('composeArgv', () => {
  it('builds v1 argv with the project before the command', () => {
    expect(composeArgv(['docker-compose'], 'web', ['/tmp/m.env'], ['up', '-d'])).toEqual([
      'docker-compose',
      '-p',
      'web',
      '--env-file',
      '/tmp/m.env',
      'up',
      '-d',
    ]);
  });

  it('repeats --env-file for the plugin, global first then the stack', () => {
    expect(composeArgv(['docker', 'compose'], 'db_2', ['/g.env', '/s/.env'], ['down'])).toEqual([
      'docker',
      'compose',
      '-p',
      'db_2',
      '--env-file',
      '/g.env',
      '--env-file',
      '/s/.env',
      'down',
    ]);
  });

  it('refuses a project name that could be read as an option or holds a path', () => {
    for (const bad of ['-f', '--env-file=/etc/passwd', '../x', 'Web', '', 'a b']) {
      expect(() => composeArgv(['docker-compose'], bad, [], ['ps'])).toThrow(/is not allowed/);
    }
  });
});

describe('validateArgs', () => {
  it('checks the folder file, or a candidate file against the stack folder', () => {
    expect(validateArgs('/s/web')).toEqual(['config', '--quiet']);
    expect(validateArgs('/s/web', '/tmp/cand.yaml')).toEqual([
      '-f',
      '/tmp/cand.yaml',
      '--project-directory',
      '/s/web',
      'config',
      '--quiet',
    ]);
  });
});

describe('env files', () => {
  it('merges only for v1 with more than one file', () => {
    expect(needsEnvMerge('standalone', ['/g', '/s'])).toBe(true);
    expect(needsEnvMerge('standalone', ['/s'])).toBe(false);
    expect(needsEnvMerge('plugin', ['/g', '/s'])).toBe(false);
  });

  it('joins texts in order so the stack file, last, overrides the global one', () => {
    expect(mergeEnvTexts(['X=1\nY=2', 'X=3\n', ''])).toBe('X=1\nY=2\nX=3\n');
  });
});

describe('composeEnv', () => {
  const daemon = {
    PATH: '/usr/bin',
    HOME: '/root',
    HM_SECRET_KEY: 'k',
    COMPOSE_PROJECT_NAME: 'p',
    LANG: 'C',
  };

  it('passes PATH, HOME and DOCKER_HOST only, never the rest of the daemon environment', () => {
    expect(composeEnv(daemon, 'unix:///run/d.sock')).toEqual({
      PATH: '/usr/bin',
      HOME: '/root',
      DOCKER_HOST: 'unix:///run/d.sock',
      PYTHONUNBUFFERED: '1',
    });
  });

  it('adds the TLS variables when given', () => {
    const env = composeEnv(daemon, 'tcp://h:2376', { certPath: '/certs/h', verify: true });
    expect(env.DOCKER_CERT_PATH).toBe('/certs/h');
    expect(env.DOCKER_TLS_VERIFY).toBe('1');
    expect(
      composeEnv(daemon, 'tcp://h:2376', { certPath: '/c', verify: false }).DOCKER_TLS_VERIFY,
    ).toBeUndefined();
  });
});
