import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cgroupV2Counters, type CgroupV2Files } from './cgroup-v2.js';

// Shapes from Documentation/admin-guide/cgroup-v2.rst as a 6.x kernel writes them.
const CPU_STAT = readFileSync(new URL('./fixtures/v2-cpu.stat', import.meta.url), 'utf8');
const MEMORY_STAT = readFileSync(new URL('./fixtures/v2-memory.stat', import.meta.url), 'utf8');
const IO_STAT = `8:16 rbytes=1459200 wbytes=314773504 rios=192 wios=353 dbytes=0 dios=0
8:0 rbytes=90430464 wbytes=299008000 rios=8950 wios=1252 dbytes=50331648 dios=3021
`;

const files: CgroupV2Files = {
  cpuStat: CPU_STAT,
  memoryCurrent: '7667712\n',
  memoryStat: MEMORY_STAT,
  memoryMax: 'max\n',
  ioStat: IO_STAT,
};

describe('cgroupV2Counters', () => {
  it('reads CPU from usage_usec in ns, memory minus inactive_file, no limit, I/O summed over disks', () => {
    expect(cgroupV2Counters(files)).toEqual({
      cpuNanos: 2794431000,
      memoryBytes: 7667712 - 4689920, // 2977792
      memoryLimitBytes: null,
      blkio: { readBytes: 1459200 + 90430464, writeBytes: 314773504 + 299008000 },
    });
  });

  it('keeps a set memory.max', () => {
    expect(cgroupV2Counters({ ...files, memoryMax: '268435456\n' }).memoryLimitBytes).toBe(268435456);
  });

  it('never gives negative memory', () => {
    expect(cgroupV2Counters({ ...files, memoryCurrent: '4096' }).memoryBytes).toBe(0);
  });

  it('reads an empty io.stat as no I/O yet, and an absent one as unknown', () => {
    expect(cgroupV2Counters({ ...files, ioStat: '' }).blkio).toEqual({ readBytes: 0, writeBytes: 0 });
    expect(cgroupV2Counters({ ...files, ioStat: null }).blkio).toBeNull();
  });

  it('refuses text that is not what the kernel writes rather than giving NaN', () => {
    expect(() => cgroupV2Counters({ ...files, cpuStat: 'user_usec 5\n' })).toThrow(
      /cpu.stat: no "usage_usec"/,
    );
    expect(() => cgroupV2Counters({ ...files, memoryCurrent: 'max' })).toThrow(/memory.current/);
    expect(() => cgroupV2Counters({ ...files, memoryMax: '1e9' })).toThrow(/memory.max/);
    expect(() => cgroupV2Counters({ ...files, memoryStat: 'anon 1\n' })).toThrow(
      /memory.stat: no "inactive_file"/,
    );
    expect(() => cgroupV2Counters({ ...files, ioStat: 'rbytes=1\n' })).toThrow(/io.stat: unexpected line/);
    expect(() => cgroupV2Counters({ ...files, ioStat: '8:0 rbytes=x wbytes=1\n' })).toThrow(/io.stat rbytes/);
  });
});
