import { describe, expect, it } from 'vitest';
import { parseLoadavg, parseMeminfo, parseProcStat } from './proc-host.js';

// This machine's /proc/stat (2 CPUs), shortened after ctxt.
const PROC_STAT = `cpu  841414 80931 233140 836051 15171 0 4513 1375 0 0
cpu0 418271 39610 107952 435171 3559 0 892 697 0 0
cpu1 423142 41321 125187 400880 11612 0 3621 677 0 0
intr 18795490 0 0 0 0 0 0
ctxt 56877074
btime 1764556800
processes 30412
procs_running 2
procs_blocked 0
softirq 9876543 0 1 2 3 4 5 6 7 8
`;

describe('parseProcStat', () => {
  it('turns the aggregate line into busy and total seconds and counts the CPUs', () => {
    // total = 841414+80931+233140+836051+15171+0+4513+1375 = 2012595 ticks; busy = total − idle − iowait.
    expect(parseProcStat(PROC_STAT)).toEqual({
      cpuBusySeconds: (2012595 - 836051 - 15171) / 100, // 11613.73
      cpuTotalSeconds: 20125.95,
      cpus: 2,
    });
  });

  it('leaves guest time out of the total (it is already inside user and nice)', () => {
    const withGuest = 'cpu  1000 0 0 1000 0 0 0 0 600 50\ncpu0 1000 0 0 1000 0 0 0 0 600 50\n';
    expect(parseProcStat(withGuest)).toEqual({ cpuBusySeconds: 10, cpuTotalSeconds: 20, cpus: 1 });
  });

  it('uses the ticks per second it is given', () => {
    expect(parseProcStat('cpu  300 0 100 600 0 0 0 0\ncpu0 300 0 100 600 0 0 0 0\n', 250)).toEqual({
      cpuBusySeconds: 1.6,
      cpuTotalSeconds: 4,
      cpus: 1,
    });
  });

  it('reads a kernel without the steal column as no steal', () => {
    expect(parseProcStat('cpu  10 0 10 70 10 0 0\ncpu0 10 0 10 70 10 0 0\ncpu1 0 0 0 0 0 0 0\n')).toEqual({
      cpuBusySeconds: 0.2,
      cpuTotalSeconds: 1,
      cpus: 2,
    });
  });

  it('refuses text without the aggregate line or a per-CPU line', () => {
    expect(() => parseProcStat('cpu0 1 2 3 4\n')).toThrow('/proc/stat: no aggregate "cpu " line');
    expect(() => parseProcStat('cpu  1 2 3 4\n')).toThrow('/proc/stat: no "cpuN" lines');
    expect(() => parseProcStat('cpu  1 x 3 4\ncpu0 1 2 3 4\n')).toThrow('/proc/stat cpu column 2');
  });
});

describe('parseMeminfo', () => {
  it('reads MemTotal and MemAvailable in bytes', () => {
    const text = `MemTotal:       24684084 kB
MemFree:        22808756 kB
MemAvailable:   24074464 kB
Buffers:           85060 kB
Cached:          1255920 kB
SwapCached:            0 kB
Active(anon):     123456 kB
HugePages_Total:       0
Hugepagesize:       2048 kB
`;
    expect(parseMeminfo(text)).toEqual({
      memoryTotalBytes: 24684084 * 1024,
      memoryAvailableBytes: 24074464 * 1024,
    });
  });

  it('estimates available as free + buffers + cached on a kernel before 3.14', () => {
    const old = 'MemTotal:  2048000 kB\nMemFree:  1000000 kB\nBuffers:  50000 kB\nCached:  200000 kB\n';
    expect(parseMeminfo(old)).toEqual({ memoryTotalBytes: 2097152000, memoryAvailableBytes: 1250000 * 1024 });
  });

  it('names the line it misses', () => {
    expect(() => parseMeminfo('MemFree: 1 kB\nBuffers: 1 kB\nCached: 1 kB\n')).toThrow(
      '/proc/meminfo: no MemTotal',
    );
    expect(() => parseMeminfo('MemTotal: 1 kB\nMemFree: 1 kB\n')).toThrow('/proc/meminfo: no Buffers');
  });
});

describe('parseLoadavg', () => {
  it('reads the three averages and ignores the task counts', () => {
    expect(parseLoadavg('0.52 1.13 1.46 1/137 29945\n')).toEqual([0.52, 1.13, 1.46]);
  });

  it('refuses anything else', () => {
    expect(() => parseLoadavg('0.52 1.13\n')).toThrow('/proc/loadavg: unexpected text "0.52 1.13"');
    expect(() => parseLoadavg('0,52 1,13 1,46 1/137 29945')).toThrow('/proc/loadavg');
  });
});
