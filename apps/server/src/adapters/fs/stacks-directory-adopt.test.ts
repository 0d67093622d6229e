import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StackPathError, StacksDirectory } from './stacks-directory.js';

let base: string;
let project: string;
let dir: StacksDirectory;
const COMPOSE = 'services:\n  a:\n    image: busybox\n';

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'hm-adopt-'));
  project = join(base, 'by-hand');
  await mkdir(join(project, 'data'), { recursive: true });
  await writeFile(join(project, 'docker-compose.yml'), COMPOSE);
  await writeFile(join(project, 'data', 'kept.txt'), 'kept');
  dir = new StacksDirectory(join(base, 'stacks'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('adopted in place', () => {
  it('resolves to its own folder, is listed, survives a restart, and delete only forgets it', async () => {
    await dir.adoptInPlace('byhand', project);
    expect(dir.resolve('byhand')).toBe(project);
    expect(await dir.list()).toEqual(['byhand']);
    expect((await dir.read('byhand')).composeFile).toBe('docker-compose.yml');
    const again = new StacksDirectory(join(base, 'stacks'));
    expect(again.resolve('byhand')).toBe(project);
    await again.remove('byhand');
    expect(await again.list()).toEqual([]);
    expect(await readFile(join(project, 'docker-compose.yml'), 'utf8')).toBe(COMPOSE);
  });

  it('refuses the folder once it is swapped for a link or gone', async () => {
    await dir.adoptInPlace('byhand', project);
    await rename(project, `${project}-real`);
    await symlink(`${project}-real`, project);
    expect(() => dir.resolve('byhand')).toThrow(StackPathError);
    await rm(project);
    expect(() => dir.resolve('byhand')).toThrow(/is gone/);
    expect(await dir.list()).toEqual([]);
  });

  it('refuses a folder without a compose file, or one that is a link', async () => {
    const empty = join(base, 'empty');
    await mkdir(empty);
    await expect(dir.adoptInPlace('empty', empty)).rejects.toThrow(/has no compose.yaml/);
    expect(dir.adopted.names()).toEqual([]);
    await symlink(project, join(base, 'link'));
    await expect(dir.adoptInPlace('link', join(base, 'link'))).rejects.toThrow(StackPathError);
  });

  it('ignores a record file that is not a record, rather than trusting it', async () => {
    await writeFile(join(base, 'stacks', '.adopted.json'), '{"../x": "relative"}');
    const reasons: string[] = [];
    const d = new StacksDirectory(join(base, 'stacks'), (r) => reasons.push(r));
    expect(d.adopted.names()).toEqual([]);
    expect(reasons).toHaveLength(1);
  });
});

describe('moved in', () => {
  it('moves the whole folder into the stacks directory', async () => {
    await dir.moveIn('byhand', project);
    expect(existsSync(project)).toBe(false);
    expect(await readFile(join(base, 'stacks', 'byhand', 'data', 'kept.txt'), 'utf8')).toBe('kept');
    expect(await dir.list()).toEqual(['byhand']);
  });

  it('refuses a name in use, and a folder that holds the stacks directory', async () => {
    await dir.write('taken', { compose: COMPOSE });
    await expect(dir.moveIn('taken', project)).rejects.toThrow(/already/);
    await expect(dir.moveIn('whole', base)).rejects.toThrow(/holds the stacks directory/);
    expect(existsSync(join(project, 'docker-compose.yml'))).toBe(true);
  });

  it('renames a stack folder, and an in-place stack by name only', async () => {
    await dir.write('one', { compose: COMPOSE });
    await dir.rename('one', 'two');
    expect(await dir.list()).toEqual(['two']);
    await dir.adoptInPlace('three', project);
    await dir.rename('three', 'four');
    expect(dir.resolve('four')).toBe(project);
    await expect(dir.rename('two', 'four')).rejects.toThrow(/managed in place already/);
  });
});
