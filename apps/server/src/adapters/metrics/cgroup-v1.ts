import type { CgroupCounters } from './cgroup-counters.js';
import { keyedCount, parseCount, requireKey, workingSet } from './kernel-text.js';

/** The texts of one container's cgroup v1 files (each read from its controller's directory). */
export interface CgroupV1Files {
  /** cpuacct/…/cpuacct.usage: nanoseconds. */
  readonly cpuacctUsage: string;
  /** memory/…/memory.usage_in_bytes. */
  readonly memoryUsage: string;
  /** memory/…/memory.stat. */
  readonly memoryStat: string;
  /** memory/…/memory.limit_in_bytes. */
  readonly memoryLimit: string;
  /** blkio/…/blkio.throttle.io_service_bytes; null when the file could not be read. */
  readonly blkioThrottle: string | null;
  /** blkio/…/blkio.io_service_bytes_recursive (or the bfq one), read when the throttle file has no device. */
  readonly blkioRecursive?: string | null;
}

/**
 * A limit at or above 2^62 is "no limit": the kernel writes LONG_MAX rounded down to a page
 * (9223372036854771712 with 4 KiB pages), which a float cannot even hold exactly.
 */
const UNLIMITED = 2n ** 62n;

/** A container's counters from its cgroup v1 files; throws on text that is not what the kernel writes. */
export function cgroupV1Counters(files: CgroupV1Files): CgroupCounters {
  const stat = files.memoryStat;
  // total_* counts the whole subtree (what the Docker CLI uses); very old kernels only have the local one.
  const inactiveFile =
    keyedCount(stat, 'total_inactive_file') ?? requireKey(stat, 'inactive_file', 'memory.stat');
  return {
    cpuNanos: parseCount(files.cpuacctUsage, 'cpuacct.usage'),
    memoryBytes: workingSet(parseCount(files.memoryUsage, 'memory.usage_in_bytes'), inactiveFile),
    memoryLimitBytes: parseLimit(files.memoryLimit),
    blkio: parseBlkio(files.blkioThrottle, files.blkioRecursive ?? null),
  };
}

function parseLimit(text: string): number | null {
  const limit = parseCount(text, 'memory.limit_in_bytes');
  // Compare the exact text as a BigInt: the Number above has already rounded the sentinel.
  return BigInt(text.trim()) >= UNLIMITED ? null : limit;
}

/**
 * Sums the per-device `Read` and `Write` lines. The throttle file counts I/O at the block layer on
 * any scheduler but may list no device at all (then only `Total 0`); then the scheduler's own
 * recursive file is tried. Neither file readable → null; readable but silent → zero I/O.
 */
function parseBlkio(throttle: string | null, recursive: string | null): CgroupCounters['blkio'] {
  if (throttle === null && recursive === null) return null;
  const fromThrottle = throttle === null ? null : sumDeviceLines(throttle, 'blkio.throttle.io_service_bytes');
  if (fromThrottle) return fromThrottle;
  const fromRecursive =
    recursive === null ? null : sumDeviceLines(recursive, 'blkio.io_service_bytes_recursive');
  return fromRecursive ?? { readBytes: 0, writeBytes: 0 };
}

/** Sums `MAJ:MIN Read|Write N` lines; null when the text lists no device. */
function sumDeviceLines(text: string, file: string): { readBytes: number; writeBytes: number } | null {
  let readBytes = 0;
  let writeBytes = 0;
  let devices = 0;
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // The unlabelled `Total N` line and the per-device Sync/Async/Discard/Total lines repeat what
    // Read and Write already count.
    if (fields.length !== 3 || !/^\d+:\d+$/.test(fields[0] ?? '')) continue;
    devices += 1;
    if (fields[1] === 'Read') readBytes += parseCount(fields[2] ?? '', file);
    else if (fields[1] === 'Write') writeBytes += parseCount(fields[2] ?? '', file);
  }
  return devices === 0 ? null : { readBytes, writeBytes };
}
