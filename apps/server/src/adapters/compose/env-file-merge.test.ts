import { access, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareEnvFiles } from './env-file-merge.js';

const dir = await mkdtemp(join(tmpdir(), 'hmt-envmerge-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('prepareEnvFiles', () => {
  it('merges global then stack into one private temp file for v1, and removes it on cleanup', async () => {
    const global = join(dir, 'global.env');
    const stack = join(dir, 'stack.env');
    await writeFile(global, 'X=1\nY=2');
    await writeFile(stack, 'X=3\n');
    const prepared = await prepareEnvFiles('standalone', [global, stack]);
    expect(prepared.files).toHaveLength(1);
    const merged = prepared.files[0] ?? '';
    expect(await readFile(merged, 'utf8')).toBe('X=1\nY=2\nX=3\n');
    expect((await stat(merged)).mode & 0o777).toBe(0o600);
    await prepared.cleanup();
    await expect(access(merged)).rejects.toThrow(/ENOENT/);
  });

  it('passes the files through for the plugin and for a single file', async () => {
    expect((await prepareEnvFiles('plugin', ['/g', '/s'])).files).toEqual(['/g', '/s']);
    expect((await prepareEnvFiles('standalone', ['/s'])).files).toEqual(['/s']);
  });

  it('names the unreadable file but not any contents', async () => {
    const secret = join(dir, 'secret.env');
    await writeFile(secret, 'TOKEN=hunter2\n');
    const missing = join(dir, 'missing.env');
    const err = await prepareEnvFiles('standalone', [secret, missing]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(`cannot read env file ${missing}`);
  });
});
