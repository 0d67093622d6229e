import { describe, expect, it } from 'vitest';
import { describeType, isKeyAllowed, keysAt, kindsOf, nodesAt, valuesAt } from './compose-schema.js';

const names = (path: Parameters<typeof keysAt>[0]) => keysAt(path).map((key) => key.name);

describe('the Compose schema', () => {
  it('lists the top-level keys, newer ones included', () => {
    expect(names([])).toEqual(
      expect.arrayContaining(['services', 'networks', 'volumes', 'secrets', 'configs', 'name', 'include']),
    );
    expect(isKeyAllowed([], 'services')).toBe(true);
    expect(isKeyAllowed([], 'servics')).toBe(false);
  });

  it('finds the service definition under any service name', () => {
    const keys = keysAt(['services', 'my-web.1']);
    expect(keys.map((k) => k.name)).toEqual(
      expect.arrayContaining(['image', 'ports', 'healthcheck', 'restart']),
    );
    const image = keys.find((k) => k.name === 'image');
    expect(image?.type).toBe('string');
    expect(image?.description).toMatch(/image/i);
    expect(keys.find((k) => k.name === 'environment')?.type).toBe('mapping | list');
    expect(isKeyAllowed(['services', 'web'], 'image')).toBe(true);
    expect(isKeyAllowed(['services', 'web'], 'imagee')).toBe(false);
  });

  it('allows only valid service names', () => {
    expect(isKeyAllowed(['services'], 'web_1')).toBe(true);
    expect(isKeyAllowed(['services'], 'web app')).toBe(false);
  });

  it('resolves nested definitions: healthcheck and deploy.resources.limits', () => {
    expect(names(['services', 'web', 'healthcheck'])).toEqual(
      expect.arrayContaining(['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval']),
    );
    expect(names(['services', 'web', 'deploy', 'resources', 'limits'])).toEqual(
      expect.arrayContaining(['cpus', 'memory', 'pids']),
    );
    expect(isKeyAllowed(['services', 'web', 'deploy', 'resources', 'limits'], 'memroy')).toBe(false);
  });

  it('allows extension keys x- everywhere', () => {
    expect(isKeyAllowed([], 'x-common')).toBe(true);
    expect(isKeyAllowed(['services', 'web'], 'x-note')).toBe(true);
    expect(isKeyAllowed(['services', 'web', 'healthcheck'], 'x-why')).toBe(true);
    expect(kindsOf(nodesAt(['x-common']))).toBe('any');
  });

  it('knows networks and volumes at the top level', () => {
    expect(names(['networks', 'front'])).toEqual(expect.arrayContaining(['driver', 'external', 'ipam']));
    expect(names(['volumes', 'data'])).toEqual(expect.arrayContaining(['driver', 'external', 'name']));
    expect(kindsOf(nodesAt(['volumes', 'data']))).toEqual(new Set(['mapping', 'null']));
  });

  it('steps into list items and alternatives', () => {
    expect(names(['services', 'web', 'ports', 0])).toEqual(
      expect.arrayContaining(['target', 'published', 'protocol']),
    );
    expect(describeType(nodesAt(['services', 'web', 'ports', 0]))).toBe('number | string | mapping');
    expect(names(['services', 'web', 'build'])).toEqual(expect.arrayContaining(['context', 'dockerfile']));
    expect(names(['services', 'web', 'depends_on', 'db'])).toEqual(
      expect.arrayContaining(['condition', 'required', 'restart']),
    );
  });

  it('accepts newer keys the 2021 schema lacks', () => {
    for (const key of ['develop', 'post_start', 'pre_stop', 'gpus', 'cgroup']) {
      expect(isKeyAllowed(['services', 'web'], key)).toBe(true);
    }
    expect(names(['services', 'web', 'develop', 'watch', 0])).toEqual(
      expect.arrayContaining(['path', 'action']),
    );
  });

  it('offers enum and suggested values', () => {
    expect(valuesAt(['services', 'web', 'restart'])).toEqual([
      'no',
      'always',
      'on-failure',
      'unless-stopped',
    ]);
    expect(valuesAt(['services', 'web', 'pull_policy'])).toEqual(
      expect.arrayContaining(['always', 'never', 'missing', 'build', 'daily']),
    );
    expect(valuesAt(['services', 'web', 'network_mode'])).toEqual(
      expect.arrayContaining(['host', 'bridge', 'none']),
    );
    expect(valuesAt(['services', 'web', 'init'])).toEqual(['true', 'false']);
    expect(valuesAt(['services', 'web', 'depends_on', 'db', 'condition'])).toContain('service_healthy');
    expect(valuesAt(['services', 'web', 'image'])).toEqual([]);
  });

  it('finds nothing under a key the schema does not allow', () => {
    expect(nodesAt(['services', 'web', 'imagee'])).toEqual([]);
    expect(keysAt(['services', 'web', 'image'])).toEqual([]);
  });
});
