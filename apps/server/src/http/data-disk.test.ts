import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DataDiskWatch, isDiskFullError } from './data-disk.js';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isDiskFullError', () => {
  it("knows SQLite's SQLITE_FULL as better-sqlite3 raises it", () => {
    const db = new SQLite(':memory:');
    db.exec('CREATE TABLE t (v TEXT)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let raised: unknown;
    try {
      db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000));
    } catch (err) {
      raised = err;
    }
    db.close();
    expect(raised).toMatchObject({ code: 'SQLITE_FULL' });
    expect(isDiskFullError(raised)).toBe(true);
  });

  it('knows ENOSPC, also as the cause of another error', () => {
    expect(isDiskFullError(withCode('ENOSPC'))).toBe(true);
    expect(isDiskFullError(new Error('audit write failed', { cause: withCode('ENOSPC') }))).toBe(true);
  });

  it.each([withCode('SQLITE_BUSY'), withCode('EACCES'), new Error('full'), 'ENOSPC', null])(
    'does not take %j for a full disk',
    (err) => {
      expect(isDiskFullError(err)).toBe(false);
    },
  );
});

describe('DataDiskWatch', () => {
  it('says full for a while after a refused write, then asks the disk again', async () => {
    let now = 1_000;
    let free: number | null = 10 * 1024 * 1024;
    const watch = new DataDiskWatch(() => Promise.resolve(free), {
      recentMs: 60_000,
      minFreeBytes: 1024 * 1024,
      now: () => now,
    });
    expect(await watch.status()).toEqual({ full: false, error: null });
    watch.noteFull();
    now += 59_000;
    expect(await watch.status()).toEqual({ full: true, error: 'the data disk is full' });
    now += 2_000;
    expect(await watch.status()).toEqual({ full: false, error: null });
    free = 512 * 1024;
    expect((await watch.status()).full).toBe(true);
    free = null;
    expect((await watch.status()).full).toBe(false);
  });
});
