import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readlink, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

// File access for folders a person may also edit by hand: the last path component is opened with
// O_NOFOLLOW (a symlink planted there fails with ELOOP instead of being followed), and on Linux the
// opened descriptor's real path is read back from /proc, so a folder swapped for a link between
// the caller's checks and the open is caught too.

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Thrown when an opened file turns out not to be where it was asked for (a link somewhere on the way). */
export class NotWhereExpectedError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${expected} resolves to ${actual}`);
    this.name = 'NotWhereExpectedError';
  }
}

/** Fails with NotWhereExpectedError unless the descriptor is the file at `path` (checked where /proc exists). */
async function assertOpenedAt(handle: FileHandle, path: string): Promise<void> {
  let actual: string;
  try {
    actual = await readlink(`/proc/self/fd/${handle.fd}`);
  } catch {
    return; // no /proc (not Linux): O_NOFOLLOW and the caller's lstat are the guard
  }
  if (actual !== path) throw new NotWhereExpectedError(path, actual);
}

/**
 * Reads `path` as UTF-8 without following a symlink at it; null when it does not exist. Refuses a
 * file over `maxBytes` before reading it, so a huge hand-placed file cannot fill the daemon's memory.
 */
export async function readNoFollow(path: string, maxBytes: number): Promise<string | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | NOFOLLOW);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    await assertOpenedAt(handle, path);
    const { size } = await handle.stat();
    if (size > maxBytes) throw new FileTooLargeError(path, size, maxBytes);
    return await handle.readFile({ encoding: 'utf8' });
  } finally {
    await handle.close();
  }
}

/** Thrown by readNoFollow for a file larger than the caller accepts. */
export class FileTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`${path} is ${Math.ceil(size / 1024)} KiB; at most ${maxBytes / 1024} KiB is read`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * Replaces `dir/name` with `text` atomically: a fresh temp file in the same folder (O_EXCL and
 * O_NOFOLLOW, so nothing planted is reused), fsync, rename over the old file, fsync the folder.
 * A failure at any step leaves the old file as it was and removes the temp file. rename() replaces
 * a symlink at the destination rather than writing through it.
 */
export async function writeAtomic(dir: string, name: string, text: string, mode: number): Promise<void> {
  const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW;
  const handle = await open(temp, flags, mode);
  try {
    try {
      await assertOpenedAt(handle, temp);
      await handle.chmod(mode); // the umask may have narrowed the mode open() applied
      await handle.writeFile(text, { encoding: 'utf8' });
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, name));
  } catch (err) {
    await unlink(temp).catch(() => undefined); // the temp file is ours; the old file is untouched
    throw err;
  }
  await syncFolder(dir);
}

/** Flushes a folder's entries, so a rename survives a power cut. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0));
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
