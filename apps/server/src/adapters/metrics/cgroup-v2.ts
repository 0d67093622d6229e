import type { CgroupCounters } from './cgroup-counters.js';
import { parseCount, requireKey, workingSet } from './kernel-text.js';

/** The texts of one container's cgroup v2 files, all from its one directory. */
export interface CgroupV2Files {
  readonly cpuStat: string;
  readonly memoryCurrent: string;
  readonly memoryStat: string;
  /** memory.max: bytes, or `max` for no limit. */
  readonly memoryMax: string;
  /** io.stat; null when the io controller is not enabled for the cgroup (the file is then absent). */
  readonly ioStat: string | null;
}

/** A container's counters from its cgroup v2 files; throws on text that is not what the kernel writes. */
export function cgroupV2Counters(files: CgroupV2Files): CgroupCounters {
  const cpu = files.cpuStat;
  const memory = files.memoryStat;
  const max = files.memoryMax.trim();
  return {
    cpuNanos: requireKey(cpu, 'usage_usec', 'cpu.stat') * 1000,
    memoryBytes: workingSet(
      parseCount(files.memoryCurrent, 'memory.current'),
      requireKey(memory, 'inactive_file', 'memory.stat'),
    ),
    memoryLimitBytes: max === 'max' ? null : parseCount(max, 'memory.max'),
    blkio: files.ioStat === null ? null : parseIoStat(files.ioStat),
  };
}

/** Sums `rbytes=` and `wbytes=` over the device lines (`8:0 rbytes=… wbytes=… rios=… …`). */
function parseIoStat(text: string): NonNullable<CgroupCounters['blkio']> {
  let readBytes = 0;
  let writeBytes = 0;
  for (const line of text.split('\n')) {
    const [device, ...pairs] = line.trim().split(/\s+/);
    if (!device) continue;
    if (!/^\d+:\d+$/.test(device)) throw new Error(`io.stat: unexpected line "${line.trim()}"`);
    for (const pair of pairs) {
      const [key, value = ''] = pair.split('=');
      if (key === 'rbytes') readBytes += parseCount(value, 'io.stat rbytes');
      else if (key === 'wbytes') writeBytes += parseCount(value, 'io.stat wbytes');
    }
  }
  return { readBytes, writeBytes };
}
