/** What a client gets when a write failed for lack of space. */
export const DISK_FULL_REPLY = { error: 'disk_full', message: 'the data disk is full' } as const;

const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC']);

/** True for SQLite's SQLITE_FULL and the file system's ENOSPC, wherever they sit in the cause chain. */
export function isDiskFullError(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DISK_FULL_CODES.has(code)) return true;
  }
  return false;
}

export interface DataDiskStatus {
  full: boolean;
  error: string | null;
}

/**
 * Whether the data disk is full, for /api/health: a write refused for lack of space within the last
 * `recentMs`, or less than `minFreeBytes` left on the disk. The refusal alone would be forgotten too
 * soon on an idle daemon, and free space alone misses SQLite's own limits.
 */
export class DataDiskWatch {
  #lastFullAt: number | null = null;

  constructor(
    private readonly freeBytes: () => Promise<number | null>,
    private readonly opts: { recentMs: number; minFreeBytes: number; now: () => number } = {
      recentMs: 60_000,
      minFreeBytes: 1024 * 1024,
      now: Date.now,
    },
  ) {}

  /** Called by the error boundary whenever a write failed for lack of space. */
  noteFull(): void {
    this.#lastFullAt = this.opts.now();
  }

  async status(): Promise<DataDiskStatus> {
    const recent = this.#lastFullAt !== null && this.opts.now() - this.#lastFullAt < this.opts.recentMs;
    const free = recent ? null : await this.freeBytes();
    const full = recent || (free !== null && free < this.opts.minFreeBytes);
    return { full, error: full ? DISK_FULL_REPLY.message : null };
  }
}
