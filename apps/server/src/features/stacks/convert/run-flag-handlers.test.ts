import { describe, expect, it } from 'vitest';
import { build, failure } from './run-fixture.js';
import { RUN_FLAGS } from './docker-run-parse.js';
import { RUN_FLAG_HANDLERS } from './run-flag-handlers.js';

const service = (flags: string) => build(flags).service;
const warnings = (flags: string) => build(flags).warnings;

describe('what each docker run flag becomes', () => {
  it('has a decision for every flag the parser knows', () => {
    expect(Object.keys(RUN_FLAG_HANDLERS).sort()).toEqual(Object.keys(RUN_FLAGS).sort());
  });

  it('maps environment: NAME=value, a bare NAME (from Compose’s environment), the last one winning', () => {
    const built = build('-e A=1 -e B= -e C --env A=2');
    expect(built.service.environment).toEqual({ A: '2', B: '', C: null });
    expect(built.warnings).toEqual([expect.stringMatching(/^-e C has no value: Compose takes it from/)]);
    expect(failure('-e =x')).toMatch(/^-e =x: expected NAME=value or NAME/);
    expect(failure('-e "$NAME=x"')).toMatch(/a name cannot be a shell variable/);
  });

  it('maps labels, sysctls, storage and log options as maps', () => {
    expect(
      service(
        '-l a=b -l bare --sysctl net.core.somaxconn=1024 --storage-opt size=20G --log-driver local --log-opt max-size=10m',
      ),
    ).toMatchObject({
      labels: { a: 'b', bare: '' },
      sysctls: { 'net.core.somaxconn': '1024' },
      storage_opt: { size: '20G' },
      logging: { driver: 'local', options: { 'max-size': '10m' } },
    });
    expect(failure('--sysctl net.core.somaxconn')).toMatch(
      /expected name=value, like net.core.somaxconn=1024/,
    );
  });

  it('keeps lists free of repeats, as Compose requires', () => {
    expect(service('-p 80:80 -p 80:80 --cap-add NET_ADMIN --cap-add NET_ADMIN')).toMatchObject({
      ports: ['80:80'],
      cap_add: ['NET_ADMIN'],
    });
  });

  it('maps restart policies, leaving out no (the default) and refusing others', () => {
    expect(service('--restart on-failure:5').restart).toBe('on-failure:5');
    expect(service('--restart no').restart).toBeUndefined();
    expect(failure('--restart sometimes')).toMatch(/expected no, always, unless-stopped or on-failure/);
  });

  it('checks numbers, sizes and durations, naming the flag and value', () => {
    expect(failure('--cpus lots')).toBe(
      '--cpus lots: expected a number of CPUs, like 1.5 (at line 1, column 12)',
    );
    expect(failure('--memory "5 gigs"')).toMatch(/^--memory 5 gigs: expected a size like 512m or 2g/);
    expect(failure('--pids-limit 1.5')).toMatch(/expected a whole number/);
    expect(failure('--cpu-shares -1')).toMatch(/expected a whole number of at least 0/);
    expect(failure('--health-interval 30')).toMatch(/expected a duration like 30s/);
    expect(failure('--ulimit nofile')).toMatch(/expected name=soft\[:hard\]/);
    expect(service('--memory-swap -1 -m 1g').memswap_limit).toBe('-1');
  });

  it('maps an entrypoint as one word, and an empty one as clearing the image’s', () => {
    expect(service('--entrypoint "/bin/sh -c"').entrypoint).toEqual(['/bin/sh -c']);
    expect(service('--entrypoint ""').entrypoint).toEqual([]);
  });

  it('maps host entries in both of docker’s forms', () => {
    expect(service('--add-host a.local:10.0.0.1 --add-host b.local=10.0.0.2').extra_hosts).toEqual([
      'a.local:10.0.0.1',
      'b.local:10.0.0.2',
    ]);
    expect(failure('--add-host nohost')).toMatch(/expected host:address/);
  });

  it('maps block IO settings', () => {
    expect(
      service('--blkio-weight 300 --blkio-weight-device /dev/sda:200 --device-read-bps /dev/sda:1mb')
        .blkio_config,
    ).toEqual({
      weight: 300,
      weight_device: [{ path: '/dev/sda', weight: 200 }],
      device_read_bps: [{ path: '/dev/sda', rate: '1mb' }],
    });
  });

  it('maps switches only when on', () => {
    expect(service('--init=false --privileged=false -t=false --read-only')).toEqual({
      image: 'img',
      read_only: true,
    });
  });

  it('drops flags of the docker CLI silently, and warns about those with no Compose meaning', () => {
    expect(service('-d -a stdout --sig-proxy=false --cidfile /tmp/id --detach-keys ctrl-x -q')).toEqual({
      image: 'img',
    });
    expect(warnings('-d')).toEqual([]);
    expect(warnings('--rm -P --label-file l.txt --kernel-memory 1g --uts host')).toEqual([
      expect.stringMatching(/^--rm has no place in a stack/),
      expect.stringMatching(/^-P has no Compose equivalent/),
      expect.stringMatching(/^--label-file is read by the docker CLI/),
      expect.stringMatching(/^--kernel-memory is no longer supported/),
      '--uts has no equivalent in Compose v1; it was left out',
    ]);
  });

  it('maps legacy links and volumes-from, with warnings', () => {
    const built = build('--link db:database --volumes-from data:ro');
    expect(built.service).toMatchObject({
      external_links: ['db:database'],
      volumes_from: ['container:data:ro'],
    });
    expect(built.warnings).toHaveLength(2);
  });

  it('maps pull policies Compose v1 knows, leaving out missing (the default)', () => {
    expect(service('--pull never').pull_policy).toBe('never');
    expect(service('--pull missing').pull_policy).toBeUndefined();
    expect(failure('--pull sometimes')).toMatch(/expected always, missing or never/);
  });

  it('refuses container names docker refuses', () => {
    expect(service('--name /web').container_name).toBe('web');
    expect(failure('--name "my web"')).toMatch(/a container name is letters/);
  });

  it('builds a healthcheck from its flags, and turns it off with --no-healthcheck', () => {
    expect(service('--health-cmd "curl -f http://localhost/" --health-retries 3').healthcheck).toEqual({
      test: ['CMD-SHELL', 'curl -f http://localhost/'],
      retries: 3,
    });
    expect(service('--no-healthcheck').healthcheck).toEqual({ disable: true });
  });

  it('reads --stop-timeout as seconds', () => {
    expect(service('--stop-timeout 45').stop_grace_period).toBe('45s');
  });
});
