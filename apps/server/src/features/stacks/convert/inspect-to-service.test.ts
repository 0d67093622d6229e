import { describe, expect, it } from 'vitest';
import type { ContainerDetails, ImageDefaults } from './container-details.js';
import { inspectToService } from './inspect-to-service.js';

const ID = '0cf3bce56f79d2a1c4e1b0f8f6d1c0a9b8e7d6c5b4a39281706f5e4d3c2b1a09';

/** A container as the engine describes one made with plain `docker run --name web busybox`. */
function container(
  over: {
    Config?: Partial<ContainerDetails['Config']>;
    HostConfig?: Partial<ContainerDetails['HostConfig']>;
    Mounts?: ContainerDetails['Mounts'];
    Networks?: NonNullable<ContainerDetails['NetworkSettings']['Networks']>;
    Name?: string;
  } = {},
): ContainerDetails {
  return {
    Id: ID,
    Name: over.Name ?? '/web',
    Image: 'sha256:f089fa876414',
    Config: {
      Image: 'busybox:1',
      Hostname: ID.slice(0, 12),
      Domainname: '',
      User: '',
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['sh'],
      Entrypoint: null,
      WorkingDir: '',
      Labels: { 'org.opencontainers.image.title': 'busybox' },
      Tty: false,
      OpenStdin: false,
      ...over.Config,
    },
    HostConfig: {
      PortBindings: {},
      RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
      NetworkMode: 'bridge',
      IpcMode: 'private',
      PidMode: '',
      Runtime: 'runc',
      LogConfig: { Type: 'json-file', Config: {} },
      ShmSize: 67108864,
      Memory: 0,
      MemorySwap: 0,
      NanoCpus: 0,
      PidsLimit: null,
      CapAdd: null,
      Dns: [],
      Devices: [],
      ...over.HostConfig,
    },
    Mounts: over.Mounts ?? [],
    NetworkSettings: { Networks: over.Networks ?? { bridge: { Aliases: null, IPAMConfig: null } } },
  };
}

const IMAGE: ImageDefaults = {
  Config: {
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    Cmd: ['sh'],
    Labels: { 'org.opencontainers.image.title': 'busybox' },
  },
};

describe('inspectToService', () => {
  it('writes a plain container as its image and name only', () => {
    const built = inspectToService(container(), IMAGE);
    expect(built.serviceName).toBe('web');
    expect(built.service).toEqual({ image: 'busybox:1', container_name: 'web' });
    expect(built.volumes).toEqual({});
    expect(built.networks).toEqual({});
    expect(built.warnings).toEqual([
      "container_name web is the running container's name: remove or rename that container before deploying the stack",
      "the container is on docker's default bridge network; in a stack it joins the stack's own network instead (published ports stay as they are)",
    ]);
  });

  it('writes what someone chose: env, labels, ports, mounts, restart, limits, network, healthcheck', () => {
    const built = inspectToService(
      container({
        Config: {
          Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'FOO=a$b', 'BARE'],
          Labels: { 'org.opencontainers.image.title': 'busybox', x: 'y' },
          Cmd: ['sleep', '600'],
          ExposedPorts: { '80/tcp': {}, '9000/tcp': {} },
          Healthcheck: { Test: ['CMD-SHELL', 'true'], Interval: 30_000_000_000, Retries: 3 },
        },
        HostConfig: {
          PortBindings: {
            '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18999' }],
            '53/udp': [{ HostIp: '', HostPort: '5353' }],
            '443/tcp': [{ HostIp: '::1', HostPort: '' }],
          },
          RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
          NetworkMode: 'backend',
          Memory: 67108864,
          MemorySwap: 134217728,
          NanoCpus: 1_500_000_000,
          PidsLimit: 100,
          Ulimits: [
            { Name: 'nofile', Soft: 1024, Hard: 2048 },
            { Name: 'nproc', Soft: 512, Hard: 512 },
          ],
          CapAdd: ['CAP_NET_ADMIN'],
          Init: true,
          Tmpfs: { '/run': 'size=1m' },
          Mounts: [{ Type: 'tmpfs', Target: '/t2', TmpfsOptions: { SizeBytes: 2097152, Mode: 0o1770 } }],
        },
        Mounts: [
          {
            Type: 'bind',
            Source: '/srv/data',
            Destination: '/data',
            Mode: '',
            RW: true,
            Propagation: 'rprivate',
          },
          {
            Type: 'volume',
            Name: 'web-vol',
            Source: '/var/lib/docker/volumes/web-vol/_data',
            Destination: '/vol',
            Driver: 'local',
            Mode: 'z',
            RW: true,
            Propagation: '',
          },
          { Type: 'tmpfs', Source: '', Destination: '/t2', Mode: '', RW: true, Propagation: '' },
        ],
        Networks: {
          backend: { Aliases: ['app', ID.slice(0, 12)], IPAMConfig: { IPv4Address: '172.20.0.10' } },
        },
      }),
      IMAGE,
    );
    expect(built.service).toEqual({
      image: 'busybox:1',
      container_name: 'web',
      command: ['sleep', '600'],
      environment: { FOO: 'a$b', BARE: null },
      labels: { x: 'y' },
      ports: ['127.0.0.1:18999:80', '5353:53/udp', '[::1]::443'],
      expose: ['9000'],
      volumes: ['/srv/data:/data', 'web-vol:/vol'],
      tmpfs: ['/run:size=1m', '/t2:size=2097152,mode=1770'],
      networks: { backend: { aliases: ['app'], ipv4_address: '172.20.0.10' } },
      restart: 'on-failure:3',
      init: true,
      cap_add: ['CAP_NET_ADMIN'],
      mem_limit: '64m',
      cpus: 1.5,
      pids_limit: 100,
      ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 512 },
      healthcheck: { test: ['CMD-SHELL', 'true'], interval: '30s', retries: 3 },
    });
    expect(built.volumes).toEqual({ 'web-vol': { name: 'web-vol' } });
    expect(built.networks).toEqual({ backend: { external: true } });
  });

  it("leaves out what only repeats the image's defaults", () => {
    const image: ImageDefaults = {
      Config: {
        ...IMAGE.Config,
        Entrypoint: ['/entry.sh'],
        Cmd: ['serve'],
        WorkingDir: '/app',
        User: 'app',
        ExposedPorts: { '8080/tcp': {} },
        Healthcheck: { Test: ['CMD', 'check'], Interval: 10_000_000_000 },
        Volumes: { '/data': {} },
        StopSignal: 'SIGQUIT',
      },
    };
    const built = inspectToService(
      container({
        Config: {
          Entrypoint: ['/entry.sh'],
          Cmd: ['serve'],
          WorkingDir: '/app',
          User: 'app',
          ExposedPorts: { '8080/tcp': {} },
          Healthcheck: { Test: ['CMD', 'check'], Interval: 10_000_000_000 },
          StopSignal: 'SIGQUIT',
        },
        Mounts: [
          {
            Type: 'volume',
            Name: 'a'.repeat(64),
            Source: '/x',
            Destination: '/data',
            RW: true,
            Driver: 'local',
          },
        ],
      }),
      image,
    );
    expect(built.service).toEqual({ image: 'busybox:1', container_name: 'web' });
  });

  it("writes the image's command too when the entrypoint is the container's own", () => {
    const built = inspectToService(
      container({ Config: { Entrypoint: ['/bin/sh', '-c'], Cmd: ['sh'] } }),
      IMAGE,
    );
    expect(built.service).toMatchObject({ entrypoint: ['/bin/sh', '-c'], command: ['sh'] });
    const cleared = inspectToService(container({ Config: { Entrypoint: null } }), {
      Config: { ...IMAGE.Config, Entrypoint: ['/entry.sh'] },
    });
    expect(cleared.service.entrypoint).toEqual([]);
  });

  it('writes a Compose container under its service, without Compose’s labels, name or aliases', () => {
    const built = inspectToService(
      container({
        Name: '/shop_db_1',
        Config: {
          Labels: {
            'com.docker.compose.project': 'shop',
            'com.docker.compose.service': 'db',
            'com.docker.compose.config-hash': 'abc',
            tier: 'data',
          },
        },
        HostConfig: { NetworkMode: 'shop_default' },
        Networks: { shop_default: { Aliases: ['db', 'shop_db_1', ID.slice(0, 12)], IPAMConfig: null } },
      }),
      IMAGE,
    );
    expect(built.serviceName).toBe('db');
    expect(built.service).toEqual({
      image: 'busybox:1',
      labels: { tier: 'data' },
      networks: { shop_default: null },
    });
    expect(built.networks).toEqual({ shop_default: { external: true } });
    expect(built.warnings).toEqual([]);
  });

  it('keeps a chosen hostname, and none with the host network, where ports are left out too', () => {
    expect(inspectToService(container({ Config: { Hostname: 'pi.hole' } }), IMAGE).service.hostname).toBe(
      'pi.hole',
    );
    const host = inspectToService(
      container({
        Config: { Hostname: 'the-host' },
        HostConfig: { NetworkMode: 'host', PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '80' }] } },
        Networks: { host: {} },
      }),
      IMAGE,
    );
    expect(host.service).toEqual({ image: 'busybox:1', container_name: 'web', network_mode: 'host' });
  });

  it('warns about a network shared with a container named by id, and a second bridge network', () => {
    const shared = inspectToService(container({ HostConfig: { NetworkMode: `container:${ID}` } }), IMAGE);
    expect(shared.service.network_mode).toBe(`container:${ID}`);
    expect(shared.warnings[1]).toMatch(/names the container by id/);
    const both = inspectToService(container({ Networks: { bridge: {}, extra: { Aliases: null } } }), IMAGE);
    expect(both.service.networks).toEqual({ extra: null });
    expect(both.warnings[1]).toMatch(/also on docker's default bridge network/);
  });

  it('writes everything, with a warning, when the image could not be read', () => {
    const built = inspectToService(container(), null);
    expect(built.service).toMatchObject({
      command: ['sh'],
      environment: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
      labels: { 'org.opencontainers.image.title': 'busybox' },
    });
    expect(built.warnings).toContain(
      "the image's defaults could not be read, so everything is written out, defaults included",
    );
  });

  it('warns when the container names its image by id', () => {
    const built = inspectToService(container({ Config: { Image: 'sha256:f089fa876414aa' } }), IMAGE);
    expect(built.warnings).toContain(
      "the container was created from an image id; put the image's name under image:",
    );
  });

  it('writes a disabled healthcheck, and durations below a second', () => {
    expect(
      inspectToService(container({ Config: { Healthcheck: { Test: ['NONE'] } } }), IMAGE).service.healthcheck,
    ).toEqual({
      disable: true,
    });
    const timed = inspectToService(
      container({
        Config: {
          Healthcheck: { Test: [], Timeout: 1_500_000_000, StartPeriod: 90_000_000_000, StartInterval: 1 },
        },
      }),
      IMAGE,
    );
    expect(timed.service.healthcheck).toEqual({ timeout: '1500ms', start_period: '1m30s' });
    expect(timed.warnings).toContain(
      'the healthcheck start interval has no equivalent in Compose v1; it was left out',
    );
  });

  it('writes limits only when set, and swap only when it is not the engine’s own choice', () => {
    const limits = (host: Partial<ContainerDetails['HostConfig']>) =>
      inspectToService(container({ HostConfig: host }), IMAGE).service;
    expect(limits({ Memory: 536870912, MemorySwap: 1073741824 }).memswap_limit).toBeUndefined();
    expect(limits({ Memory: 536870912, MemorySwap: -1 }).memswap_limit).toBe(-1);
    expect(limits({ Memory: 536870912, MemorySwap: 805306368 }).memswap_limit).toBe('768m');
    expect(
      limits({ ShmSize: 268435456, MemoryReservation: 1000, CpuShares: 512, OomScoreAdj: -500 }),
    ).toMatchObject({
      shm_size: '256m',
      mem_reservation: '1000b',
      cpu_shares: 512,
      oom_score_adj: -500,
    });
    expect(limits({ PidsLimit: -1, MemorySwappiness: null })).toEqual({
      image: 'busybox:1',
      container_name: 'web',
    });
  });

  it('writes logging only when it is not the default, and devices, links, GPUs and shared volumes', () => {
    const built = inspectToService(
      container({
        HostConfig: {
          LogConfig: { Type: 'json-file', Config: { 'max-size': '10m' } },
          Devices: [
            { PathOnHost: '/dev/net/tun', PathInContainer: '/dev/net/tun', CgroupPermissions: 'rwm' },
            { PathOnHost: '/dev/dri', PathInContainer: '/dev/dri', CgroupPermissions: 'r' },
          ],
          Links: ['/db:/web/database'],
          VolumesFrom: ['data:ro'],
          DeviceRequests: [{ Driver: '', Count: -1, DeviceIDs: null, Capabilities: [['gpu']] }],
          SecurityOpt: ['no-new-privileges:true'],
          ExtraHosts: ['host.docker.internal:host-gateway'],
          Privileged: true,
          ReadonlyRootfs: true,
          IpcMode: 'host',
          Runtime: 'nvidia',
        },
      }),
      IMAGE,
    ).service;
    expect(built).toMatchObject({
      logging: { driver: 'json-file', options: { 'max-size': '10m' } },
      devices: ['/dev/net/tun:/dev/net/tun', '/dev/dri:/dev/dri:r'],
      external_links: ['db:database'],
      volumes_from: ['container:data:ro'],
      deploy: { resources: { reservations: { devices: [{ count: 'all', capabilities: ['gpu'] }] } } },
      security_opt: ['no-new-privileges:true'],
      extra_hosts: ['host.docker.internal:host-gateway'],
      privileged: true,
      read_only: true,
      ipc: 'host',
      runtime: 'nvidia',
    });
  });
});
