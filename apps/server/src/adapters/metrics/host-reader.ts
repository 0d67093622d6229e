import { statfsSync } from 'node:fs';
import type { DiskUsage, HostReading } from '@harbourmaster/contracts';
import { KernelFile } from './kernel-file.js';
import { isHostExcludedInterface, parseNetDev } from './proc-net-dev.js';
import { parseLoadavg, parseMeminfo, parseProcStat } from './proc-host.js';

export interface HostReaderOptions {
  /** Where the host's /proc is mounted (`/proc`, or e.g. `/host/proc` in a container). */
  procRoot: string;
  /** The daemon's data directory. */
  dataDir: string;
  /** The engine's root directory (`DockerRootDir`), once known and if it is on this machine. */
  dockerRoot: () => string | null;
}

/** The host's own counters from /proc, and the disks of the data and Docker directories. */
export class HostReader {
  readonly #stat: KernelFile;
  readonly #meminfo: KernelFile;
  readonly #loadavg: KernelFile;
  readonly #netDev: KernelFile;

  constructor(private readonly opts: HostReaderOptions) {
    this.#stat = new KernelFile(`${opts.procRoot}/stat`);
    this.#meminfo = new KernelFile(`${opts.procRoot}/meminfo`);
    this.#loadavg = new KernelFile(`${opts.procRoot}/loadavg`);
    // The daemon's own network namespace: the host's when it runs on the host (or with host network).
    this.#netDev = new KernelFile(`${opts.procRoot}/self/net/dev`);
  }

  read(): HostReading {
    const cpu = parseProcStat(this.#stat.read());
    const dockerRoot = this.opts.dockerRoot();
    return {
      ...cpu,
      ...parseMeminfo(this.#meminfo.read()),
      load: parseLoadavg(this.#loadavg.read()),
      net: parseNetDev(this.#netDev.read(), isHostExcludedInterface),
      dataDisk: diskUsage(this.opts.dataDir),
      dockerDisk: dockerRoot === null ? null : diskUsage(dockerRoot),
    };
  }

  /** The reading, or null when the host's files cannot be read: containers are sampled anyway. */
  readOrNull(): HostReading | null {
    try {
      return this.read();
    } catch {
      return null;
    }
  }

  close(): void {
    for (const f of [this.#stat, this.#meminfo, this.#loadavg, this.#netDev]) f.close();
  }
}

/** Used and total bytes of the filesystem holding `dir`, as df counts them; null when unreadable. */
export function diskUsage(dir: string): DiskUsage | null {
  try {
    const s = statfsSync(dir);
    const used = (s.blocks - s.bfree) * s.bsize;
    // Blocks reserved for root are neither used nor available to others: df leaves them out.
    return { usedBytes: used, totalBytes: used + s.bavail * s.bsize };
  } catch {
    return null;
  }
}
