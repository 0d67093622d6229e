import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cgroupV1Counters, type CgroupV1Files } from './cgroup-v1.js';

// memory.stat of a busybox container on this machine's engine after it wrote and read a few files.
const MEMORY_STAT = readFileSync(new URL('./fixtures/v1-memory.stat', import.meta.url), 'utf8');

// Two disks (8:0, 8:16): per device Read, Write, Sync, Async, Discard, Total, then the grand Total.
const THROTTLE_TWO_DISKS = `8:16 Read 2408448
8:16 Write 49152
8:16 Sync 2457600
8:16 Async 0
8:16 Discard 0
8:16 Total 2457600
8:0 Read 1048576
8:0 Write 4096
8:0 Sync 1052672
8:0 Async 0
8:0 Discard 0
8:0 Total 1052672
Total 3510272
`;

// What this machine's kernel writes for a container whose I/O the throttle layer did not see.
const THROTTLE_SILENT = 'Total 0\n';

const files: CgroupV1Files = {
  cpuacctUsage: '39148912\n',
  memoryUsage: '3309568\n',
  memoryStat: MEMORY_STAT,
  memoryLimit: '9223372036854771712\n',
  blkioThrottle: THROTTLE_TWO_DISKS,
};

describe('cgroupV1Counters', () => {
  it('reads CPU in ns, memory as usage minus total_inactive_file, no limit, I/O summed over disks', () => {
    expect(cgroupV1Counters(files)).toEqual({
      cpuNanos: 39148912,
      memoryBytes: 3309568 - 2621440, // 688128
      memoryLimitBytes: null,
      blkio: { readBytes: 2408448 + 1048576, writeBytes: 49152 + 4096 },
    });
  });

  it('keeps a real limit and treats anything from 2^62 up as unlimited', () => {
    expect(cgroupV1Counters({ ...files, memoryLimit: '536870912\n' }).memoryLimitBytes).toBe(536870912);
    expect(cgroupV1Counters({ ...files, memoryLimit: '4611686018427387904' }).memoryLimitBytes).toBeNull();
    // One page below 2^62 is a (silly) limit, the compare is on the exact text.
    expect(cgroupV1Counters({ ...files, memoryLimit: '4611686018427383808' }).memoryLimitBytes).toBe(
      2 ** 62 - 4096,
    );
  });

  it('prefers the subtree total_inactive_file to the local inactive_file', () => {
    const nested = 'inactive_file 0\ntotal_inactive_file 8192\n';
    expect(cgroupV1Counters({ ...files, memoryUsage: '20480', memoryStat: nested }).memoryBytes).toBe(12288);
  });

  it('uses inactive_file when the kernel writes no total_inactive_file', () => {
    const local = 'cache 8192\nrss 4096\ninactive_file 8192\nactive_file 0\n';
    expect(cgroupV1Counters({ ...files, memoryUsage: '20480', memoryStat: local }).memoryBytes).toBe(12288);
  });

  it('never gives negative memory when the cache outgrows a usage read a moment earlier', () => {
    expect(cgroupV1Counters({ ...files, memoryUsage: '1000000' }).memoryBytes).toBe(0);
  });

  it('falls back to the recursive file when the throttle file lists no device', () => {
    const recursive =
      '8:0 Read 65536\n8:0 Write 2621440\n8:0 Sync 2686976\n8:0 Async 0\n8:0 Total 2686976\nTotal 2686976\n';
    const counters = cgroupV1Counters({
      ...files,
      blkioThrottle: THROTTLE_SILENT,
      blkioRecursive: recursive,
    });
    expect(counters.blkio).toEqual({ readBytes: 65536, writeBytes: 2621440 });
  });

  it('reads zero I/O when the files are there but list no device, null when none could be read', () => {
    expect(cgroupV1Counters({ ...files, blkioThrottle: THROTTLE_SILENT }).blkio).toEqual({
      readBytes: 0,
      writeBytes: 0,
    });
    expect(cgroupV1Counters({ ...files, blkioThrottle: '', blkioRecursive: '' }).blkio).toEqual({
      readBytes: 0,
      writeBytes: 0,
    });
    expect(cgroupV1Counters({ ...files, blkioThrottle: null, blkioRecursive: null }).blkio).toBeNull();
  });

  it('refuses text that is not a counter rather than giving NaN', () => {
    expect(() => cgroupV1Counters({ ...files, cpuacctUsage: '' })).toThrow(/cpuacct.usage: expected/);
    expect(() => cgroupV1Counters({ ...files, memoryUsage: '-1' })).toThrow(/memory.usage_in_bytes/);
    expect(() => cgroupV1Counters({ ...files, memoryLimit: 'max' })).toThrow(/memory.limit_in_bytes/);
    expect(() => cgroupV1Counters({ ...files, memoryStat: 'cache 0\n' })).toThrow(
      /memory.stat: no "inactive_file"/,
    );
    expect(() => cgroupV1Counters({ ...files, blkioThrottle: '8:0 Read lots\n' })).toThrow(
      /blkio.throttle.io_service_bytes/,
    );
  });
});
