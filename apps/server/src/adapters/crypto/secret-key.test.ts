import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSecretKey, SECRET_KEY_FILE } from './secret-key.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hm-key-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadSecretKey from HM_SECRET_KEY', () => {
  it('accepts 64 hex characters', async () => {
    const key = randomBytes(32);
    expect((await loadSecretKey(key.toString('hex'), dir)).equals(key)).toBe(true);
  });

  it('accepts base64 of 32 bytes', async () => {
    const key = randomBytes(32);
    expect((await loadSecretKey(key.toString('base64'), dir)).equals(key)).toBe(true);
  });

  it('refuses anything else and creates no file', async () => {
    await expect(loadSecretKey('abcd', dir)).rejects.toThrow(/HM_SECRET_KEY must hold a 32-byte key/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('loadSecretKey from the data dir', () => {
  it.skipIf(process.platform === 'win32')(
    'creates a 0600 key file once and reads it back after',
    async () => {
      const dataDir = join(dir, 'nested', 'data');
      const first = await loadSecretKey(undefined, dataDir);
      expect(first).toHaveLength(32);
      const file = join(dataDir, SECRET_KEY_FILE);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readdir(dataDir)).toEqual([SECRET_KEY_FILE]);
      const second = await loadSecretKey(undefined, dataDir);
      expect(second.equals(first)).toBe(true);
    },
  );

  it('gives every concurrent caller the same key', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadSecretKey(undefined, dir)));
    for (const k of keys) expect(k.equals(keys[0] ?? Buffer.alloc(0))).toBe(true);
    expect(await readdir(dir)).toEqual([SECRET_KEY_FILE]);
  });

  it.skipIf(process.platform === 'win32')('refuses a key file readable by group or others', async () => {
    await loadSecretKey(undefined, dir);
    const file = join(dir, SECRET_KEY_FILE);
    await chmod(file, 0o644);
    await expect(loadSecretKey(undefined, dir)).rejects.toThrow(/readable by group or others.*chmod 600/);
  });

  it('refuses a key file of the wrong length', async () => {
    const file = join(dir, SECRET_KEY_FILE);
    await writeFile(file, 'abcdef\n', { mode: 0o600 });
    await expect(loadSecretKey(undefined, dir)).rejects.toThrow(/secret\.key must hold a 32-byte key/);
    expect(await readFile(file, 'utf8')).toBe('abcdef\n');
  });
});
