import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KernelFile, sometimes } from './kernel-file.js';

const dir = mkdtempSync(join(tmpdir(), 'hm-kernel-file-'));
afterEach(() => rmSync(join(dir, 'f'), { force: true }));

describe('a kept-open kernel file', () => {
  it('reads the whole text from the start each time, and fails once the file is gone', () => {
    const path = join(dir, 'f');
    writeFileSync(path, 'cache 0\ntotal_inactive_file 4096\n');
    const f = new KernelFile(path);
    expect(f.read()).toBe('cache 0\ntotal_inactive_file 4096\n');
    writeFileSync(path, '12\n');
    expect(f.read()).toBe('12\n');
    f.close();
    rmSync(path);
    expect(() => f.read()).toThrow(/ENOENT/);
    expect(f.readOrNull()).toBeNull();
  });

  it('reads a rarely changing file every n calls, or when forced', () => {
    const path = join(dir, 'f');
    const f = new KernelFile(path);
    const limit = sometimes(f, 3);
    writeFileSync(path, 'a');
    expect(limit()).toBe('a');
    writeFileSync(path, 'b');
    expect([limit(), limit()]).toEqual(['a', 'a']);
    expect(limit()).toBe('b'); // the fourth call is the first of the next three
    writeFileSync(path, 'c');
    expect(limit(true)).toBe('c');
    f.close();
  });
});
