import { describe, expect, it } from 'vitest';
import { cgroupDirs, parseProcCgroup } from './proc-cgroup.js';

const ID = 'd046f91cc32a477d6579b59f63bf18ae2c186387b06d564b8355e1ffdb6827e7';

// Read from a busybox container on this machine's engine (cgroup v1, cgroupfs driver, hybrid mount).
const V1_CGROUPFS = `9:name=systemd:/docker/${ID}
8:pids:/docker/${ID}
7:blkio:/docker/${ID}
6:freezer:/docker/${ID}
5:devices:/docker/${ID}
4:memory:/docker/${ID}
3:cpuset:/docker/${ID}
2:cpuacct:/docker/${ID}
1:cpu:/docker/${ID}
0::/docker/${ID}
`;

// The systemd driver on a v1 host with cpu and cpuacct mounted together (Debian 10, CentOS 7 shape).
const V1_SYSTEMD = `11:cpu,cpuacct:/system.slice/docker-${ID}.scope
10:memory:/system.slice/docker-${ID}.scope
4:blkio:/system.slice/docker-${ID}.scope
1:name=systemd:/system.slice/docker-${ID}.scope
`;

// A pure v2 host, systemd driver: one line.
const V2_SYSTEMD = `0::/system.slice/docker-${ID}.scope\n`;

describe('parseProcCgroup', () => {
  it('maps every v1 controller to its path and keeps the v2 line apart', () => {
    const parsed = parseProcCgroup(V1_CGROUPFS);
    expect(parsed.unified).toBe(`/docker/${ID}`);
    expect(parsed.v1.get('memory')).toBe(`/docker/${ID}`);
    expect(parsed.v1.get('cpuacct')).toBe(`/docker/${ID}`);
    expect(parsed.v1.get('name=systemd')).toBe(`/docker/${ID}`);
    expect([...parsed.v1.keys()].sort()).toEqual(
      ['blkio', 'cpu', 'cpuacct', 'cpuset', 'devices', 'freezer', 'memory', 'name=systemd', 'pids'].sort(),
    );
  });

  it('splits a comma list into one entry per controller', () => {
    const parsed = parseProcCgroup(V1_SYSTEMD);
    expect(parsed.v1.get('cpu')).toBe(`/system.slice/docker-${ID}.scope`);
    expect(parsed.v1.get('cpuacct')).toBe(`/system.slice/docker-${ID}.scope`);
    expect(parsed.v1.has('cpu,cpuacct')).toBe(false);
    expect(parsed.unified).toBeNull();
  });

  it('reads the v2 path of a systemd-driver container', () => {
    const parsed = parseProcCgroup(V2_SYSTEMD);
    expect(parsed.unified).toBe(`/system.slice/docker-${ID}.scope`);
    expect(parsed.v1.size).toBe(0);
  });

  it('keeps nested Kubernetes paths, colons in a path included', () => {
    const pod = '/kubepods/burstable/pod7c0a4d3e-1b2c-4d5e-8f90-123456789abc';
    const parsed = parseProcCgroup(`5:memory:${pod}/${ID}\n0::/kubepods.slice/odd:name\n`);
    expect(parsed.v1.get('memory')).toBe(`${pod}/${ID}`);
    expect(parsed.unified).toBe('/kubepods.slice/odd:name');
  });

  it('refuses a line that is not hierarchy:controllers:path', () => {
    expect(() => parseProcCgroup('memory /docker/x\n')).toThrow(/unexpected line "memory \/docker\/x"/);
    expect(() => parseProcCgroup('4:memory:docker/x\n')).toThrow(/unexpected line/);
  });
});

describe('cgroupDirs', () => {
  const v1Mounts = [
    'blkio',
    'cpu',
    'cpuacct',
    'cpuset',
    'devices',
    'freezer',
    'memory',
    'pids',
    'systemd',
    'unified',
  ];

  it('on v1 reads CPU from cpuacct, memory and blkio from their own mounts', () => {
    const dirs = cgroupDirs(parseProcCgroup(V1_CGROUPFS), { version: 1, mountDirs: v1Mounts });
    expect(dirs).toEqual({
      cpu: `/sys/fs/cgroup/cpuacct/docker/${ID}`,
      memory: `/sys/fs/cgroup/memory/docker/${ID}`,
      blkio: `/sys/fs/cgroup/blkio/docker/${ID}`,
    });
  });

  it('on v1 finds cpuacct inside a joint cpu,cpuacct mount when there is no cpuacct link', () => {
    const dirs = cgroupDirs(parseProcCgroup(V1_SYSTEMD), {
      version: 1,
      mountDirs: ['blkio', 'cpu,cpuacct', 'memory', 'systemd'],
    });
    expect(dirs.cpu).toBe(`/sys/fs/cgroup/cpu,cpuacct/system.slice/docker-${ID}.scope`);
    expect(dirs.memory).toBe(`/sys/fs/cgroup/memory/system.slice/docker-${ID}.scope`);
  });

  it('on v1 also accepts the joint mount spelt cpuacct,cpu', () => {
    const dirs = cgroupDirs(parseProcCgroup(V1_SYSTEMD), {
      version: 1,
      mountDirs: ['cpuacct,cpu', 'memory'],
    });
    expect(dirs.cpu).toBe(`/sys/fs/cgroup/cpuacct,cpu/system.slice/docker-${ID}.scope`);
    // No blkio mount on this host: that kind cannot be read, the others still can.
    expect(dirs.blkio).toBeNull();
  });

  it('on v2 reads every kind from the unified path under the given root', () => {
    const dirs = cgroupDirs(parseProcCgroup(V2_SYSTEMD), { version: 2 }, '/host/sys/fs/cgroup/');
    const dir = `/host/sys/fs/cgroup/system.slice/docker-${ID}.scope`;
    expect(dirs).toEqual({ cpu: dir, memory: dir, blkio: dir });
  });

  it('reads nothing from a path that climbs out of the namespace root (another cgroup would be read)', () => {
    const outside = parseProcCgroup(`4:memory:/../../docker/${ID}\n0::/../docker/${ID}\n`);
    expect(cgroupDirs(outside, { version: 2 }).memory).toBeNull();
    expect(cgroupDirs(outside, { version: 1, mountDirs: ['memory'] }).memory).toBeNull();
  });

  it('gives null where the process has no cgroup of that version', () => {
    expect(cgroupDirs(parseProcCgroup(V1_SYSTEMD), { version: 2 })).toEqual({
      cpu: null,
      memory: null,
      blkio: null,
    });
    expect(cgroupDirs(parseProcCgroup(V2_SYSTEMD), { version: 1, mountDirs: v1Mounts })).toEqual({
      cpu: null,
      memory: null,
      blkio: null,
    });
  });
});
