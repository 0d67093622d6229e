import { describe, expect, it } from 'vitest';
import { containerCreateSchema } from '@harbourmaster/contracts';
import { toCreateBody } from './create-body.js';

describe('toCreateBody', () => {
  it('translates ports, mounts, env, restart policy, healthcheck and limits', () => {
    const body = toCreateBody(
      containerCreateSchema.parse({
        image: 'app:1',
        env: { A: '1' },
        ports: [
          { containerPort: 80, hostPort: 8080, hostIp: '127.0.0.1' },
          { containerPort: 80 },
          { containerPort: 53, protocol: 'udp', hostPort: 53 },
        ],
        mounts: [
          { type: 'bind', source: '/srv', target: '/data', readOnly: true },
          { type: 'volume', target: '/cache' },
        ],
        restartPolicy: { name: 'on-failure', maximumRetryCount: 2 },
        healthcheck: { test: ['CMD', 'true'], intervalSeconds: 5, retries: 3 },
        resources: { memoryBytes: 128 * 1024 * 1024, cpus: 1.5 },
        network: 'backend',
      }),
    );
    expect(body.Env).toEqual(['A=1']);
    expect(body.ExposedPorts).toEqual({ '80/tcp': {}, '53/udp': {} });
    expect(body.HostConfig?.PortBindings).toEqual({
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }, { HostPort: '' }],
      '53/udp': [{ HostPort: '53' }],
    });
    expect(body.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/srv', Target: '/data', ReadOnly: true },
      { Type: 'volume', Target: '/cache', ReadOnly: false },
    ]);
    expect(body.HostConfig?.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 2 });
    expect(body.Healthcheck).toEqual({ Test: ['CMD', 'true'], Interval: 5e9, Retries: 3 });
    expect(body.HostConfig?.Memory).toBe(128 * 1024 * 1024);
    expect(body.HostConfig?.NanoCpus).toBe(1.5e9);
    expect(body.HostConfig?.NetworkMode).toBe('backend');
    expect(body.NetworkingConfig).toEqual({ EndpointsConfig: { backend: {} } });
  });

  it('uses the engine default restart policy for "no" and no endpoint config for built-in networks', () => {
    const body = toCreateBody(containerCreateSchema.parse({ image: 'x', network: 'host' }));
    expect(body.HostConfig?.RestartPolicy).toEqual({ Name: '' });
    expect(body.NetworkingConfig).toBeUndefined();
  });
});
