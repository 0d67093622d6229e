import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileTooLargeError, NotWhereExpectedError, readNoFollow, writeAtomic } from './no-follow-file.js';

// rename() fails on demand, to show that a write failing at its last step leaves the old file.
const faults = vi.hoisted(() => ({ rename: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  return {
    ...real,
    rename: (from: string, to: string) =>
      faults.rename ? Promise.reject(new Error('disk full (simulated)')) : real.rename(from, to),
  };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hm-nofollow-'));
  faults.rename = false;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeAtomic', () => {
  it('replaces the file with the exact bytes and the given mode, leaving no temp file', async () => {
    await writeFile(join(dir, 'f.yaml'), 'old');
    await writeAtomic(dir, 'f.yaml', 'a: 1\r\n# é\r\n', 0o640);
    expect(await readFile(join(dir, 'f.yaml'))).toEqual(Buffer.from('a: 1\r\n# é\r\n', 'utf8'));
    expect((await stat(join(dir, 'f.yaml'))).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['f.yaml']);
  });

  it('keeps the old file and removes its temp file when the write fails', async () => {
    await writeFile(join(dir, 'f.yaml'), 'old: true\n');
    faults.rename = true;
    await expect(writeAtomic(dir, 'f.yaml', 'new: true\n', 0o644)).rejects.toThrow('disk full (simulated)');
    expect(await readFile(join(dir, 'f.yaml'), 'utf8')).toBe('old: true\n');
    expect(await readdir(dir)).toEqual(['f.yaml']);
  });

  it('replaces a symlink at the destination instead of writing through it', async () => {
    await writeFile(join(dir, 'target'), 'outside');
    await symlink(join(dir, 'target'), join(dir, 'f.yaml'));
    await writeAtomic(dir, 'f.yaml', 'inside', 0o644);
    expect(await readFile(join(dir, 'target'), 'utf8')).toBe('outside');
    expect((await stat(join(dir, 'f.yaml'))).isFile()).toBe(true);
    expect(await readFile(join(dir, 'f.yaml'), 'utf8')).toBe('inside');
  });
});

describe('readNoFollow', () => {
  it('reads text exactly and answers null for a missing file', async () => {
    await writeFile(join(dir, 'f'), '\uFEFFk=v\r\n');
    expect(await readNoFollow(join(dir, 'f'), 100)).toBe('\uFEFFk=v\r\n');
    expect(await readNoFollow(join(dir, 'missing'), 100)).toBeNull();
  });

  it('refuses a symlink at the last component (ELOOP)', async () => {
    await writeFile(join(dir, 'target'), 'secret');
    await symlink(join(dir, 'target'), join(dir, 'link'));
    await expect(readNoFollow(join(dir, 'link'), 100)).rejects.toMatchObject({ code: 'ELOOP' });
  });

  it.runIf(process.platform === 'linux')('refuses a file reached through a linked folder', async () => {
    await mkdir(join(dir, 'real'));
    await writeFile(join(dir, 'real', 'f'), 'secret');
    await symlink(join(dir, 'real'), join(dir, 'via'));
    const read = readNoFollow(join(dir, 'via', 'f'), 100);
    await expect(read).rejects.toBeInstanceOf(NotWhereExpectedError);
    await expect(read).rejects.toThrow(`${join(dir, 'via', 'f')} resolves to ${join(dir, 'real', 'f')}`);
  });

  it('refuses a file larger than asked before reading it', async () => {
    await writeFile(join(dir, 'big'), 'x'.repeat(2049));
    const read = readNoFollow(join(dir, 'big'), 2048);
    await expect(read).rejects.toBeInstanceOf(FileTooLargeError);
    await expect(read).rejects.toThrow('is 3 KiB; at most 2 KiB is read');
  });
});
