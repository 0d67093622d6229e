import { parseCount } from './kernel-text.js';

/** The host's cumulative CPU time from `/proc/stat`. */
export interface HostCpuCounters {
  readonly cpuBusySeconds: number;
  readonly cpuTotalSeconds: number;
  readonly cpus: number;
}

/**
 * Reads the aggregate `cpu ` line of `/proc/stat` (ticks: user nice system idle iowait irq softirq
 * steal guest guest_nice). Busy is everything but idle and iowait. guest and guest_nice are already
 * counted inside user and nice, so they are left out of the total.
 *
 * @param ticksPerSecond USER_HZ, 100 on every Linux architecture we run on.
 */
export function parseProcStat(text: string, ticksPerSecond = 100): HostCpuCounters {
  let ticks: number[] | null = null;
  let cpus = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('cpu ')) {
      ticks = line
        .slice(4)
        .trim()
        .split(/\s+/)
        .slice(0, 8)
        .map((field, i) => parseCount(field, `/proc/stat cpu column ${i + 1}`));
    } else if (/^cpu\d+\s/.test(line)) cpus += 1;
  }
  // Before 2.6.11 there is no steal column, before 2.6 not even iowait: missing columns are zero.
  if (ticks === null || ticks.length < 4) throw new Error('/proc/stat: no aggregate "cpu " line');
  if (cpus === 0) throw new Error('/proc/stat: no "cpuN" lines');
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = ticks;
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return {
    cpuBusySeconds: (total - idle - iowait) / ticksPerSecond,
    cpuTotalSeconds: total / ticksPerSecond,
    cpus,
  };
}

/** Total and available memory from `/proc/meminfo`, bytes. */
export interface HostMemory {
  readonly memoryTotalBytes: number;
  readonly memoryAvailableBytes: number;
}

/** Reads `/proc/meminfo`; before MemAvailable (Linux 3.14) available is estimated as free + buffers + cached. */
export function parseMeminfo(text: string): HostMemory {
  const kb = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w+(?:\(\w+\))?):\s+(\d+)(?: kB)?$/.exec(line.trim());
    if (match?.[1] && match[2]) kb.set(match[1], Number(match[2]));
  }
  const need = (key: string): number => {
    const value = kb.get(key);
    if (value === undefined) throw new Error(`/proc/meminfo: no ${key}`);
    return value;
  };
  const available = kb.get('MemAvailable') ?? need('MemFree') + need('Buffers') + need('Cached');
  return { memoryTotalBytes: need('MemTotal') * 1024, memoryAvailableBytes: available * 1024 };
}

/** Reads the 1, 5 and 15 minute load averages from `/proc/loadavg`. */
export function parseLoadavg(text: string): [number, number, number] {
  const fields = text.trim().split(/\s+/);
  const loads = fields.slice(0, 3).map(Number);
  const [one, five, fifteen] = loads;
  if (
    one === undefined ||
    five === undefined ||
    fifteen === undefined ||
    loads.some((n) => !Number.isFinite(n) || n < 0)
  ) {
    throw new Error(`/proc/loadavg: unexpected text "${text.trim()}"`);
  }
  return [one, five, fifteen];
}
