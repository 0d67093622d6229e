import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '@harbourmaster/engine';
import { containerCreateSchema } from '@harbourmaster/contracts';
import { dangerousOptions, exactNameFilter, findPortCollisions, hasExactName } from './create-checks.js';

function running(name: string, ports: ContainerSummary['Ports'], state = 'running'): ContainerSummary {
  return {
    Id: name,
    Names: [`/${name}`],
    Image: 'x',
    ImageID: 'sha256:x',
    Command: '',
    Created: 0,
    State: state,
    Status: '',
    Ports: ports,
    Labels: {},
  };
}

const req = (input: Record<string, unknown>) => containerCreateSchema.parse({ image: 'x', ...input });

describe('findPortCollisions', () => {
  const live = [
    running('web', [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }]),
    running('dns', [{ IP: '127.0.0.1', PrivatePort: 53, PublicPort: 5353, Type: 'udp' }]),
  ];

  it('finds a port another running container publishes on any address', () => {
    expect(
      findPortCollisions(req({ ports: [{ containerPort: 1, hostPort: 8080, hostIp: '127.0.0.1' }] }), live),
    ).toEqual([
      { field: 'ports.0.hostPort', message: 'host port 8080/tcp is already published by container web' },
    ]);
  });

  it('tells protocols and distinct addresses apart', () => {
    expect(
      findPortCollisions(req({ ports: [{ containerPort: 1, hostPort: 8080, protocol: 'udp' }] }), live),
    ).toEqual([]);
    expect(
      findPortCollisions(
        req({ ports: [{ containerPort: 1, hostPort: 5353, protocol: 'udp', hostIp: '127.0.0.2' }] }),
        live,
      ),
    ).toEqual([]);
    expect(
      findPortCollisions(req({ ports: [{ containerPort: 1, hostPort: 5353, protocol: 'udp' }] }), live),
    ).toHaveLength(1);
  });

  it('ignores stopped containers and random host ports', () => {
    const stopped = [
      running('old', [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 9000, Type: 'tcp' }], 'exited'),
    ];
    expect(
      findPortCollisions(
        req({ ports: [{ containerPort: 80, hostPort: 9000 }, { containerPort: 81 }] }),
        stopped,
      ),
    ).toEqual([]);
  });

  it('finds a port the request asks for twice', () => {
    const problems = findPortCollisions(
      req({
        ports: [
          { containerPort: 80, hostPort: 9000 },
          { containerPort: 81, hostPort: 9000 },
        ],
      }),
      [],
    );
    expect(problems).toEqual([
      { field: 'ports.1.hostPort', message: 'host port 9000/tcp is also asked for by ports.0' },
    ]);
  });
});

describe('dangerousOptions', () => {
  it('is empty for an ordinary container', () => {
    expect(dangerousOptions(req({ mounts: [{ type: 'bind', source: '/srv/app', target: '/app' }] }))).toEqual(
      [],
    );
  });

  it('names privileged mode, host network and PID, and the Docker socket', () => {
    const reasons = dangerousOptions(
      req({
        privileged: true,
        network: 'host',
        pidMode: 'host',
        mounts: [{ type: 'bind', source: '/run/docker.sock', target: '/s' }],
      }),
    );
    expect(reasons).toHaveLength(4);
    expect(reasons.join(' ')).toMatch(/privileged.*host network.*PID.*docker\.sock/s);
  });
});

describe('exact container names', () => {
  it('anchors the engine filter and escapes what a regular expression would read as syntax', () => {
    expect(exactNameFilter('web')).toEqual({ name: ['^/web$'] });
    const [pattern] = exactNameFilter('a.b-c_1').name ?? [];
    const re = new RegExp(pattern!);
    expect(re.test('/a.b-c_1')).toBe(true);
    expect(re.test('/aXb-c_1')).toBe(false);
    expect(re.test('/a.b-c_1-2')).toBe(false);
  });

  it('compares whole names, never prefixes of names or ids', () => {
    const c = running('f4695abc', []);
    expect(hasExactName(c, 'f4695abc')).toBe(true);
    expect(hasExactName(c, 'f4695')).toBe(false);
    expect(hasExactName({ Names: ['/other', '/web/alias'] }, 'web')).toBe(false);
  });
});
