import { statfs } from 'node:fs/promises';

/**
 * Bytes the daemon can still write in `dir`'s file system; null when it cannot be told. Root may
 * use the blocks reserved for it, so for root those count as free.
 */
export async function freeBytes(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    const blocks = process.getuid?.() === 0 ? s.bfree : s.bavail;
    return blocks * s.bsize;
  } catch {
    return null;
  }
}
