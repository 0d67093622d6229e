import { posix } from 'node:path';

/** A process's cgroups as `/proc/<pid>/cgroup` lists them. */
export interface ProcCgroup {
  /** The cgroup v2 path (the `0::<path>` line), or null when the process has none. */
  readonly unified: string | null;
  /** cgroup v1 controller (or `name=…` hierarchy) → path; `cpu,cpuacct` gives one entry per controller. */
  readonly v1: ReadonlyMap<string, string>;
}

/**
 * Parses `/proc/<pid>/cgroup`: `hierarchy-id:controller-list:path` per line.
 *
 * @example
 * parseProcCgroup('4:memory:/docker/abc\n0::/docker/abc\n').v1.get('memory') // '/docker/abc'
 */
export function parseProcCgroup(text: string): ProcCgroup {
  let unified: string | null = null;
  const v1 = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    // Only the first two colons separate fields: a path may itself contain colons.
    const first = line.indexOf(':');
    const second = line.indexOf(':', first + 1);
    if (first <= 0 || second < 0) throw new Error(`/proc/<pid>/cgroup: unexpected line "${line}"`);
    const id = line.slice(0, first);
    const controllers = line.slice(first + 1, second);
    const path = line.slice(second + 1);
    if (!/^\d+$/.test(id) || !path.startsWith('/')) {
      throw new Error(`/proc/<pid>/cgroup: unexpected line "${line}"`);
    }
    if (id === '0' && controllers === '') unified = path;
    else for (const controller of controllers.split(',')) if (controller) v1.set(controller, path);
  }
  return { unified, v1 };
}

/** The kinds of cgroup file the sampler reads for a container. */
export type CgroupFileKind = 'cpu' | 'memory' | 'blkio';

/** How the host mounts cgroups: v2 unified at the root, or one directory per v1 hierarchy. */
export type CgroupLayout =
  | { readonly version: 2 }
  | {
      readonly version: 1;
      /** The directory names under the root (`memory`, `cpu,cpuacct`, `cpuacct`, `unified`…). */
      readonly mountDirs: readonly string[];
    };

/** The v1 controller whose files each kind reads (CPU time lives in cpuacct, not cpu). */
const V1_CONTROLLER: Record<CgroupFileKind, string> = { cpu: 'cpuacct', memory: 'memory', blkio: 'blkio' };

/**
 * The directory to read each kind of file from, or null for a kind the process or the host lacks.
 * Pure: the caller lists the mount directories and says which version the host runs.
 *
 * @example
 * cgroupDirs(parseProcCgroup('0::/system.slice/docker-abc.scope'), { version: 2 }).memory
 * // '/sys/fs/cgroup/system.slice/docker-abc.scope'
 */
export function cgroupDirs(
  cgroup: ProcCgroup,
  layout: CgroupLayout,
  root = '/sys/fs/cgroup',
): Record<CgroupFileKind, string | null> {
  const dirFor = (kind: CgroupFileKind): string | null => {
    if (layout.version === 2) return insideRoot(cgroup.unified) ? posix.join(root, cgroup.unified) : null;
    const controller = V1_CONTROLLER[kind];
    const path = cgroup.v1.get(controller);
    const mount = v1MountDir(layout.mountDirs, controller);
    return insideRoot(path) && mount !== undefined ? posix.join(root, mount, path) : null;
  };
  return { cpu: dirFor('cpu'), memory: dirFor('memory'), blkio: dirFor('blkio') };
}

/**
 * Whether a path names a cgroup below our mount. Seen from inside a cgroup namespace a path climbs out
 * with `/..`: joined to our root it would name some other cgroup, so it is not read at all.
 */
function insideRoot(path: string | null | undefined): path is string {
  return path != null && !path.split('/').includes('..');
}

/**
 * The mount directory of a v1 controller. Distributions mount cpu and cpuacct together as
 * `cpu,cpuacct` (with `cpu` and `cpuacct` symlinks beside it) or apart; the exact name wins,
 * then any comma list that holds the controller.
 */
function v1MountDir(mountDirs: readonly string[], controller: string): string | undefined {
  if (mountDirs.includes(controller)) return controller;
  return mountDirs.find((dir) => dir.split(',').includes(controller));
}
