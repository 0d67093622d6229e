import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ContainerReading, MetricsSnapshot } from '@harbourmaster/contracts';
import type { CgroupCounters } from './cgroup-counters.js';
import { cgroupV1Counters } from './cgroup-v1.js';
import { cgroupV2Counters } from './cgroup-v2.js';
import type { HostReader } from './host-reader.js';
import { KernelFile, sometimes } from './kernel-file.js';
import type { MetricsSampler, SampleTarget } from './metrics-sampler.js';
import { cgroupDirs, parseProcCgroup, type CgroupLayout } from './proc-cgroup.js';
import { isContainerExcludedInterface, parseNetDev } from './proc-net-dev.js';

export interface CgroupSamplerOptions {
  procRoot: string;
  cgroupRoot: string;
  host: HostReader;
  /** The host's CPUs from the engine, for when /proc/stat cannot be read. */
  cpus: () => number;
}

/** Passes between two reads of a container's memory limit. */
const LIMIT_EVERY = 30;
/** Most passes between two reads of memory.stat while the usage stands still. */
const STAT_EVERY = 10;

/** One container's open files, for the process they were found from. */
interface Opened {
  pid: number;
  counters: () => CgroupCounters;
  net: KernelFile | null;
  files: KernelFile[];
}

/**
 * The fast path: a container's cgroup files and its network namespace's counters read directly,
 * with no engine call. The cgroup comes from `/proc/<pid>/cgroup` of the container's main process
 * (never guessed from the id: drivers and nesting name it differently).
 */
export class CgroupSampler implements MetricsSampler {
  readonly path = 'cgroup' as const;
  readonly #layout: CgroupLayout;
  readonly #open = new Map<string, Opened>();

  constructor(private readonly opts: CgroupSamplerOptions) {
    this.#layout = cgroupLayout(opts.cgroupRoot);
  }

  /** Why a container cannot be read this way (null when it can): the fallback's reason. */
  probe(target: SampleTarget): string | null {
    try {
      this.readOne(target);
      return null;
    } catch (err) {
      this.forget(target.id);
      return err instanceof Error ? err.message : String(err);
    }
  }

  read(targets: readonly SampleTarget[]): Promise<MetricsSnapshot> {
    const host = this.opts.host.readOrNull();
    const at = Date.now();
    const containers: ContainerReading[] = [];
    const wanted = new Set<string>();
    for (const target of targets) {
      wanted.add(target.id);
      try {
        containers.push(this.readOne(target));
      } catch {
        // Stopped between the inventory and this read: it is simply not in this pass.
        this.forget(target.id);
      }
    }
    for (const id of [...this.#open.keys()]) if (!wanted.has(id)) this.forget(id);
    return Promise.resolve({ at, path: this.path, cpus: host?.cpus ?? this.opts.cpus(), host, containers });
  }

  close(): void {
    for (const id of [...this.#open.keys()]) this.forget(id);
    this.opts.host.close();
  }

  private readOne(target: SampleTarget): ContainerReading {
    let opened = this.#open.get(target.id);
    if (opened?.pid !== target.pid) {
      if (opened) this.forget(target.id);
      opened = this.openFor(target);
      this.#open.set(target.id, opened);
    }
    return {
      id: target.id,
      ...opened.counters(),
      network: target.network,
      net: opened.net ? parseNetDev(opened.net.read(), isContainerExcludedInterface) : null,
    };
  }

  private openFor(target: SampleTarget): Opened {
    const text = readFileSync(`${this.opts.procRoot}/${target.pid}/cgroup`, 'latin1');
    const dirs = cgroupDirs(parseProcCgroup(text), this.#layout, this.opts.cgroupRoot);
    if (dirs.cpu === null || dirs.memory === null)
      throw new Error(`no cpu or memory cgroup for process ${target.pid} under ${this.opts.cgroupRoot}`);
    const files: KernelFile[] = [];
    const file = (dir: string, name: string) => {
      const f = new KernelFile(`${dir}/${name}`);
      files.push(f);
      return f;
    };
    const net = target.network === 'own' ? file(`${this.opts.procRoot}/${target.pid}`, 'net/dev') : null;
    // A limit changes only with `docker update`; memory.stat (the dearest file, ~10 µs) is read again
    // when the usage moved, and every STAT_EVERY passes for what moves within an unchanged usage
    // (pages aging from the active to the inactive list).
    let lastUsage = '';
    const usageMoved = (text: string): boolean => {
      const moved = text !== lastUsage;
      lastUsage = text;
      return moved;
    };
    let counters: () => CgroupCounters;
    if (this.#layout.version === 2) {
      const dir = dirs.memory;
      const cpuStat = file(dir, 'cpu.stat');
      const current = file(dir, 'memory.current');
      const stat = sometimes(file(dir, 'memory.stat'), STAT_EVERY);
      const max = sometimes(file(dir, 'memory.max'), LIMIT_EVERY);
      const io = file(dir, 'io.stat');
      counters = () => {
        const memoryCurrent = current.read();
        return cgroupV2Counters({
          cpuStat: cpuStat.read(),
          memoryCurrent,
          memoryStat: stat(usageMoved(memoryCurrent)),
          memoryMax: max(),
          ioStat: io.readOrNull(),
        });
      };
    } else {
      const usage = file(dirs.cpu, 'cpuacct.usage');
      const memUsage = file(dirs.memory, 'memory.usage_in_bytes');
      const memStat = sometimes(file(dirs.memory, 'memory.stat'), STAT_EVERY);
      const memLimit = sometimes(file(dirs.memory, 'memory.limit_in_bytes'), LIMIT_EVERY);
      const throttle = dirs.blkio ? file(dirs.blkio, 'blkio.throttle.io_service_bytes') : null;
      // With the bfq scheduler the throttle file counts nothing; its own file does.
      const bfq = dirs.blkio ? file(dirs.blkio, 'blkio.bfq.io_service_bytes_recursive') : null;
      counters = () => {
        const memoryUsage = memUsage.read();
        return cgroupV1Counters({
          cpuacctUsage: usage.read(),
          memoryUsage,
          memoryStat: memStat(usageMoved(memoryUsage)),
          memoryLimit: memLimit(),
          blkioThrottle: throttle?.readOrNull() ?? null,
          blkioRecursive: bfq?.readOrNull() ?? null,
        });
      };
    }
    return { pid: target.pid, counters, net, files };
  }

  private forget(id: string): void {
    const opened = this.#open.get(id);
    if (!opened) return;
    for (const f of opened.files) f.close();
    this.#open.delete(id);
  }
}

/** v2 when the root itself is a cgroup2 mount (it has cgroup.controllers); else v1's directories. */
export function cgroupLayout(root: string): CgroupLayout {
  if (existsSync(`${root}/cgroup.controllers`)) return { version: 2 };
  return { version: 1, mountDirs: readdirSync(root) };
}
