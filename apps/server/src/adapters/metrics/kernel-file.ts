import { closeSync, openSync, readSync } from 'node:fs';

/** One buffer for every read: kernel files are small and reads never overlap (they are synchronous). */
const buffer = Buffer.allocUnsafe(64 * 1024);

/**
 * A /proc or cgroup file kept open and read again from its start on every call. The kernel writes
 * these files afresh on each read from offset 0, so one `pread` per sample replaces an open, a read
 * and a close: at 500 containers × 6 files a second that is most of the sampler's cost. Reads are
 * synchronous on purpose: they never wait for a disk (the kernel makes the text in memory), and a
 * thread-pool round trip per file would cost more than the read.
 */
export class KernelFile {
  #fd: number | null = null;

  constructor(readonly path: string) {}

  /** The whole text; throws (ENOENT, ENODEV, ESRCH…) when the file or its process is gone. */
  read(): string {
    this.#fd ??= openSync(this.path, 'r');
    // The kernel fills a read as far as the file goes, so a read shorter than asked is the end: no
    // second read to see 0 bytes, which would make the kernel write the whole file again (a seq_file
    // read at any other offset starts over from the top).
    const n = readSync(this.#fd, buffer, 0, buffer.length, 0);
    if (n === buffer.length) throw new Error(`${this.path} is larger than ${buffer.length} bytes`);
    return buffer.toString('latin1', 0, n);
  }

  /** The text, or null when it cannot be read (an optional file). */
  readOrNull(): string | null {
    try {
      return this.read();
    } catch {
      return null;
    }
  }

  close(): void {
    if (this.#fd === null) return;
    try {
      closeSync(this.#fd);
    } catch {
      // Already gone with its cgroup: nothing to release.
    }
    this.#fd = null;
  }
}

/**
 * Reads `file` only every `every` calls, or when called with `force`; between, the text read last.
 * For files that change rarely (a memory limit) or that only matter when a cheaper one moved.
 * @example const limit = sometimes(new KernelFile(path), 30); limit(); // read on calls 1, 31, 61…
 */
export function sometimes(file: KernelFile, every: number): (force?: boolean) => string {
  let text = '';
  let age = every;
  return (force = false) => {
    if (force || age >= every) {
      text = file.read();
      age = 0;
    }
    age++;
    return text;
  };
}
