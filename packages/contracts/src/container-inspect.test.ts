import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { containerDetailSchema, containerInspectSchema } from './containers.js';

// A Docker 20.10 inspect document, trimmed, with keys the schema does not name at every level.
const dockerInspect = {
  Id: 'f4695a1b2c3d',
  Name: '/web-2',
  Created: '2025-01-01T00:00:00Z',
  Image: 'sha256:abc',
  RestartCount: 0,
  Driver: 'overlay2',
  State: {
    Status: 'running',
    Running: true,
    Paused: false,
    Pid: 42,
    ExitCode: 0,
    OOMKilled: false,
    Error: '',
    StartedAt: '2025-01-01T00:00:01Z',
    FinishedAt: '0001-01-01T00:00:00Z',
    Health: {
      Status: 'healthy',
      FailingStreak: 0,
      Log: [{ Start: 's', End: 'e', ExitCode: 0, Output: 'ok' }],
    },
  },
  Config: {
    Image: 'nginx:1.27',
    Env: ['A=1'],
    Cmd: null,
    Entrypoint: null,
    Labels: { tier: 'front' },
    WorkingDir: '/srv',
  },
  HostConfig: { RestartPolicy: { Name: 'always', MaximumRetryCount: 0 }, Privileged: true, Memory: 0 },
  Mounts: [{ Type: 'volume', Name: 'data', Source: '/v', Destination: '/data', RW: true, Driver: 'local' }],
  NetworkSettings: {
    Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }], '443/tcp': null },
    Networks: { bridge: { IPAddress: '172.17.0.2' } },
    SandboxKey: '/var/run/docker/netns/x',
  },
};

describe('the container inspect contract', () => {
  it('keeps every key it does not name when the reply is serialised', () => {
    const reply = { hostId: 'local', tags: [], icon: null, imageDigests: [], inspect: dockerInspect };
    // The daemon's serializer encodes with the schema, so whatever survives this reaches the panel.
    const sent = z.encode(containerDetailSchema, reply).inspect;
    // Same keys in the same order at every level: the inspect view reads like `docker inspect`.
    expect(JSON.stringify(sent)).toBe(JSON.stringify(dockerInspect));
  });

  it('accepts what Podman and older engines leave out or send as null', () => {
    const { Health: _health, ...state } = dockerInspect.State;
    const sparse = {
      ...dockerInspect,
      State: state,
      Config: { ...dockerInspect.Config, Env: null, Labels: null },
      HostConfig: {},
      Mounts: [],
      NetworkSettings: { Ports: null },
    };
    expect(containerInspectSchema.safeParse(sparse).success).toBe(true);
  });

  it('refuses a document without the fields the panel reads', () => {
    const { Config: _config, ...noConfig } = dockerInspect;
    expect(containerInspectSchema.safeParse(noConfig).success).toBe(false);
  });
});
