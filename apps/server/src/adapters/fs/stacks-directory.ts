import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, realpathSync, type Stats } from 'node:fs';
import { cp, lstat, mkdir, readdir, realpath, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import {
  COMPOSE_FILE_NAMES,
  COMPOSE_MAX_BYTES,
  ENV_MAX_BYTES,
  stackNameSchema,
  type StackFiles,
  type StackWriteBody,
} from '@harbourmaster/contracts';
import { AdoptedStacks } from './adopted-stacks.js';
import { FileTooLargeError, NotWhereExpectedError, readNoFollow, writeAtomic } from './no-follow-file.js';

// Every stack operation reaches the disk through resolve(): a name that passes the grammar is one
// path segment, and a folder that is a symlink, or whose real path differs from the joined one,
// is refused. A compose manager once shipped without this and let read and delete escape its root.

/** A stack name or path the stacks directory refuses; the message says what is wrong (routes: 400). */
export class StackPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackPathError';
  }
}

/** The stack has no folder or no compose file (routes: 404). */
export class StackNotFoundError extends Error {
  constructor(readonly stackName: string) {
    super(`there is no stack named ${stackName}`);
    this.name = 'StackNotFoundError';
  }
}

/** The file shared by every stack, applied before the stack's own `.env`. */
export const GLOBAL_ENV_FILE = 'global.env';
const STACK_ENV_FILE = '.env';

/** A name for messages: quoted, cut short, control characters escaped. */
const shown = (name: unknown) =>
  typeof name === 'string' ? JSON.stringify(name.length > 70 ? `${name.slice(0, 70)}…` : name) : typeof name;

const lstatOrNull = (path: string) => lstatSync(path, { throwIfNoEntry: false }) ?? null;

async function lstatAsync(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The stacks directory: one folder per stack holding a compose file and an optional `.env`. */
export class StacksDirectory {
  /** The root's real path, fixed at construction. */
  readonly root: string;
  /** Stacks managed where they are, outside the root (adopted in place). */
  readonly adopted: AdoptedStacks;

  /** Opens (and creates, mode 0700, when missing) the stacks directory at `root`. */
  constructor(root: string, onBadRecord?: (reason: string) => void) {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    this.root = realpathSync(root);
    this.adopted = new AdoptedStacks(this.root, onBadRecord);
  }

  /**
   * The ONE resolver: the stack's folder path, refusing anything that is not a stack name or a
   * folder that is a symlink or lives elsewhere than its joined path. The folder need not exist.
   * @example
   * dir.resolve('media'); // '/var/lib/harbourmaster/stacks/media'
   * dir.resolve('../etc'); // throws StackPathError
   */
  resolve(name: unknown): string {
    const parsed = stackNameSchema.safeParse(name);
    if (!parsed.success) {
      throw new StackPathError(`${shown(name)} is not a stack name: ${parsed.error.issues[0]?.message}`);
    }
    const inPlace = this.adopted.check(parsed.data);
    if (inPlace?.ok) return inPlace.folder;
    if (inPlace) throw new StackPathError(inPlace.reason);
    const path = join(this.root, parsed.data);
    if (dirname(path) !== this.root) throw new StackPathError(`${shown(name)} leaves the stacks directory`);
    const stats = lstatOrNull(path);
    if (stats === null) return path;
    if (stats.isSymbolicLink()) {
      throw new StackPathError(
        `the folder of stack ${parsed.data} is a symbolic link; stacks are real folders`,
      );
    }
    if (!stats.isDirectory()) {
      throw new StackPathError(`${parsed.data} in the stacks directory is a file, not a stack folder`);
    }
    if (realpathSync(path) !== path) {
      throw new StackPathError(`the folder of stack ${parsed.data} leads elsewhere`);
    }
    return path;
  }

  /**
   * The stack's compose file name: the first of the four Compose names present; null when none.
   * Refused: a compose file that is a symlink, and any entry of the folder that links out of it.
   */
  async composeFile(name: string): Promise<(typeof COMPOSE_FILE_NAMES)[number] | null> {
    const dir = this.resolve(name);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const present = new Set<string>();
    for (const entry of entries) {
      if (entry.isSymbolicLink()) await this.assertLinkStaysIn(dir, entry.name, name);
      else if (entry.isFile()) present.add(entry.name);
    }
    return COMPOSE_FILE_NAMES.find((file) => present.has(file)) ?? null;
  }

  private async assertLinkStaysIn(dir: string, entry: string, stack: string): Promise<void> {
    if ((COMPOSE_FILE_NAMES as readonly string[]).includes(entry)) {
      throw new StackPathError(
        `${entry} of stack ${stack} is a symbolic link; the compose file must be a real file`,
      );
    }
    const target = await realpath(join(dir, entry)).catch(() => null);
    if (target === null || !target.startsWith(dir + sep)) {
      throw new StackPathError(
        `${entry} in stack ${stack} is a symbolic link that points outside the stack's folder`,
      );
    }
  }

  /** The stacks: real folders under the root with a valid name and a compose file, sorted by name. */
  async list(): Promise<string[]> {
    const names: string[] = [];
    const entries = (await readdir(this.root, { withFileTypes: true }))
      .filter((e) => e.isDirectory() && this.adopted.recorded(e.name) === undefined)
      .map((e) => e.name);
    for (const name of [...entries, ...this.adopted.names()]) {
      if (!stackNameSchema.safeParse(name).success) continue;
      try {
        if ((await this.composeFile(name)) !== null) names.push(name);
      } catch (err) {
        // A folder with a link out is not listed (and read() refuses it with the reason).
        if (!(err instanceof StackPathError)) throw err;
      }
    }
    return names.sort();
  }

  /** The stack's compose file and `.env` exactly as they are on disk. */
  async read(name: string): Promise<StackFiles> {
    const dir = this.resolve(name);
    const composeFile = await this.composeFile(name);
    if (composeFile === null) throw new StackNotFoundError(name);
    const compose = await guarded(name, () => readNoFollow(join(dir, composeFile), COMPOSE_MAX_BYTES));
    if (compose === null) throw new StackNotFoundError(name);
    const env = await guarded(name, () => readNoFollow(join(dir, STACK_ENV_FILE), ENV_MAX_BYTES));
    return { name, composeFile, compose, env };
  }

  /**
   * Writes the stack's compose file (keeping its present name; compose.yaml for a new stack) and
   * `.env` atomically, creating the folder (0755) when new. `env` undefined leaves `.env` as it is;
   * `''` removes it.
   */
  async write(name: string, files: Pick<StackWriteBody, 'compose' | 'env'>): Promise<void> {
    let dir = this.resolve(name);
    try {
      await mkdir(dir, { mode: 0o755 });
      dir = this.resolve(name); // made by us, but checked again as every other path is
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const composeFile = (await this.composeFile(name)) ?? 'compose.yaml';
    const composeMode = (await lstatAsync(join(dir, composeFile)))?.mode ?? 0o644;
    await guarded(name, () => writeAtomic(dir, composeFile, files.compose, composeMode & 0o777));
    if (files.env === undefined) return;
    const envPath = join(dir, STACK_ENV_FILE);
    if (files.env === '') {
      await unlink(envPath).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
      return;
    }
    // .env holds secrets: owner-only unless the person chose otherwise by hand.
    const envMode = (await lstatAsync(envPath))?.mode ?? 0o600;
    await guarded(name, () => writeAtomic(dir, STACK_ENV_FILE, files.env ?? '', envMode & 0o777));
  }

  /**
   * Deletes the stack's folder and everything in it. It is first renamed to a hidden name in the
   * root (rename moves a link, never its target), so a folder swapped for a link after resolve()
   * still cannot take anything outside the root with it, and list() never sees it half-deleted.
   */
  async remove(name: string): Promise<void> {
    if (this.adopted.recorded(name) !== undefined) {
      // Managed in place: the folder is the person's own; Harbourmaster only stops managing it.
      await this.adopted.forget(name);
      return;
    }
    const dir = this.resolve(name);
    if ((await lstatAsync(dir)) === null) throw new StackNotFoundError(name);
    const doomed = join(this.root, `.deleting-${name}-${randomBytes(6).toString('hex')}`);
    await rename(dir, doomed);
    const stats = await lstat(doomed);
    if (!stats.isDirectory()) {
      await unlink(doomed);
      throw new StackPathError(
        `the folder of stack ${name} was replaced by a link; only the link was removed`,
      );
    }
    await rm(doomed, { recursive: true });
  }

  /** Whether the stack's files live outside the stacks directory (adopted in place). */
  isInPlace(name: string): boolean {
    return this.adopted.recorded(name) !== undefined;
  }

  /** Manages the real folder `folder` (absolute, no link) as stack `name`, where it is. */
  async adoptInPlace(name: string, folder: string): Promise<void> {
    this.assertFree(name);
    const real = await realpath(folder);
    if (real !== folder || !(await lstat(folder)).isDirectory())
      throw new StackPathError(`${folder} is not a real folder (a link, or not a folder)`);
    await this.adopted.add(name, folder);
    if ((await this.composeFile(name)) === null) {
      await this.adopted.forget(name);
      throw new StackPathError(
        `${folder} has no compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml`,
      );
    }
  }

  /**
   * Moves the real folder `from` into the stacks directory as stack `name`: a rename when both are on
   * one file system, else a copy into a hidden folder that is renamed into place before `from` is removed.
   */
  async moveIn(name: string, from: string): Promise<void> {
    const dest = this.resolve(name);
    this.assertFree(name);
    if ((await lstatAsync(dest)) !== null)
      throw new StackPathError(`the stacks directory has a folder ${name} already`);
    if ((await realpath(from)) !== from || !(await lstat(from)).isDirectory())
      throw new StackPathError(`${from} is not a real folder (a link, or not a folder)`);
    if (this.root === from || this.root.startsWith(from + sep))
      throw new StackPathError(`${from} holds the stacks directory itself; it cannot move into it`);
    try {
      await rename(from, dest);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    }
    const staging = join(this.root, `.adopting-${name}-${randomBytes(6).toString('hex')}`);
    try {
      await cp(from, staging, {
        recursive: true,
        verbatimSymlinks: true,
        preserveTimestamps: true,
        errorOnExist: true,
      });
      await rename(staging, dest);
    } catch (err) {
      await rm(staging, { recursive: true, force: true });
      throw err;
    }
    await rm(from, { recursive: true });
  }

  /** Renames a stack's folder in the stacks directory, or its name alone when it is managed in place. */
  async rename(from: string, to: string): Promise<void> {
    const src = this.resolve(from);
    const dest = this.resolve(to);
    this.assertFree(to);
    if ((await lstatAsync(dest)) !== null)
      throw new StackPathError(`the stacks directory has a folder ${to} already`);
    const folder = this.adopted.recorded(from);
    if (folder !== undefined) {
      await this.adopted.add(to, folder);
      await this.adopted.forget(from);
      return;
    }
    await rename(src, dest);
  }

  private assertFree(name: string): void {
    if (this.adopted.recorded(name) !== undefined)
      throw new StackPathError(`a stack named ${name} is managed in place already`);
  }

  /** The path of `<root>/global.env` when it exists (a real file, not a link); else null. */
  async globalEnvFile(): Promise<string | null> {
    const path = join(this.root, GLOBAL_ENV_FILE);
    const stats = await lstatAsync(path);
    if (stats === null) return null;
    if (!stats.isFile()) throw new StackPathError(`${path} must be a real file (not a link or a folder)`);
    return path;
  }
}

/** Runs a file operation, turning the low-level "not where expected" and "too large" faults into messages. */
async function guarded<T>(stack: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof NotWhereExpectedError || (err as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new StackPathError(
        `a file of stack ${stack} is a symbolic link or lies outside the stack's folder`,
      );
    }
    if (err instanceof FileTooLargeError) throw new StackPathError(`stack ${stack}: ${err.message}`);
    throw err;
  }
}
