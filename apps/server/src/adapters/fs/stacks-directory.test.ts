import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StackNotFoundError, StackPathError, StacksDirectory } from './stacks-directory.js';

let base: string;
let outside: string;
let dir: StacksDirectory;
const COMPOSE = 'services:\n  a:\n    image: busybox\n';

/** Everything under `path`, with file contents, to show a tree was not touched. */
async function snapshot(path: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
    const full = join(entry.parentPath, entry.name);
    out[full] = entry.isFile() ? await readFile(full, 'utf8') : entry.isDirectory() ? 'dir' : 'link';
  }
  return out;
}

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'hm-stacks-'));
  outside = join(base, 'outside');
  await mkdir(outside);
  await writeFile(join(outside, 'canary.txt'), 'canary');
  await writeFile(join(outside, 'compose.yaml'), 'outside: true\n');
  dir = new StacksDirectory(join(base, 'stacks'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('StacksDirectory root', () => {
  it('creates a missing root with mode 0700 and keeps its real path', async () => {
    expect((await stat(join(base, 'stacks'))).mode & 0o777).toBe(0o700);
    await symlink(join(base, 'stacks'), join(base, 'via'));
    const viaLink = new StacksDirectory(join(base, 'via'));
    expect(viaLink.root).toBe(dir.root);
    expect(viaLink.resolve('web')).toBe(join(dir.root, 'web'));
  });
});

describe('traversal forms', () => {
  const refused: unknown[] = [
    '..',
    '.',
    '../outside',
    '/etc',
    '/tmp',
    '%2e%2e',
    '..%2foutside',
    '%2F',
    'a/b',
    'a\\b',
    '..\\outside',
    'a\0b',
    '\uff41', // fullwidth a
    '\u2024\u2024', // one-dot leaders, looks like ..
    'stack.',
    'stack ',
    '',
    'x'.repeat(64),
    42,
    null,
    undefined,
    { name: 'a' },
  ];

  it('are refused by resolve, read, write and remove, and nothing outside is touched', async () => {
    const before = await snapshot(base);
    for (const name of refused) {
      const label = JSON.stringify(name) ?? String(name);
      expect(() => dir.resolve(name), label).toThrow(StackPathError);
      await expect(dir.read(name as string), label).rejects.toThrow(StackPathError);
      await expect(dir.write(name as string, { compose: COMPOSE, env: 'A=1' }), label).rejects.toThrow(
        StackPathError,
      );
      await expect(dir.remove(name as string), label).rejects.toThrow(StackPathError);
    }
    expect(await snapshot(base)).toEqual(before);
  });

  it('names the problem in the message', () => {
    expect(() => dir.resolve('../outside')).toThrow(
      '"../outside" is not a stack name: a stack name is lowercase letters, digits, - and _, starting with a letter or digit',
    );
    expect(() => dir.resolve(7)).toThrow('number is not a stack name');
  });
});

describe('symlinks', () => {
  it('refuses a stack folder that links outside for read, write and delete', async () => {
    await symlink(outside, join(dir.root, 'evil'));
    const before = await snapshot(outside);
    expect(() => dir.resolve('evil')).toThrow(
      'the folder of stack evil is a symbolic link; stacks are real folders',
    );
    await expect(dir.read('evil')).rejects.toThrow(StackPathError);
    await expect(dir.write('evil', { compose: 'pwned: true\n', env: 'X=1' })).rejects.toThrow(StackPathError);
    await expect(dir.remove('evil')).rejects.toThrow(StackPathError);
    expect(await snapshot(outside)).toEqual(before);
    expect((await lstat(join(dir.root, 'evil'))).isSymbolicLink()).toBe(true);
    expect(await dir.list()).toEqual([]);
  });

  it('refuses a stack reached through a root swapped for a link after start', async () => {
    await mkdir(join(outside, 'web'));
    await writeFile(join(outside, 'web', 'compose.yaml'), COMPOSE);
    await rm(dir.root, { recursive: true });
    await symlink(outside, dir.root);
    const before = await snapshot(outside);
    expect(() => dir.resolve('web')).toThrow('the folder of stack web leads elsewhere');
    await expect(dir.read('web')).rejects.toThrow(StackPathError);
    await expect(dir.write('web', { compose: 'pwned: true\n' })).rejects.toThrow(StackPathError);
    await expect(dir.remove('web')).rejects.toThrow(StackPathError);
    expect(await snapshot(outside)).toEqual(before);
  });

  it('refuses a compose file that is a symlink, for read and write', async () => {
    await mkdir(join(dir.root, 'web'));
    await symlink(join(outside, 'compose.yaml'), join(dir.root, 'web', 'compose.yaml'));
    await expect(dir.read('web')).rejects.toThrow(
      'compose.yaml of stack web is a symbolic link; the compose file must be a real file',
    );
    await expect(dir.write('web', { compose: 'pwned: true\n' })).rejects.toThrow(StackPathError);
    expect(await readFile(join(outside, 'compose.yaml'), 'utf8')).toBe('outside: true\n');
    expect(await dir.list()).toEqual([]);
  });

  it('refuses a stack whose .env links outside, and allows a link that stays inside', async () => {
    await mkdir(join(dir.root, 'web', 'data'), { recursive: true });
    await writeFile(join(dir.root, 'web', 'compose.yaml'), COMPOSE);
    await symlink(join(dir.root, 'web', 'data'), join(dir.root, 'web', 'current'));
    expect((await dir.read('web')).compose).toBe(COMPOSE);
    await symlink(join(outside, 'canary.txt'), join(dir.root, 'web', '.env'));
    await expect(dir.read('web')).rejects.toThrow(
      ".env in stack web is a symbolic link that points outside the stack's folder",
    );
    await expect(dir.write('web', { compose: COMPOSE, env: 'X=1' })).rejects.toThrow(StackPathError);
    expect(await readFile(join(outside, 'canary.txt'), 'utf8')).toBe('canary');
  });

  it('refuses a global.env that is a link', async () => {
    expect(await dir.globalEnvFile()).toBeNull();
    await writeFile(join(dir.root, 'global.env'), 'TZ=UTC\n');
    expect(await dir.globalEnvFile()).toBe(join(dir.root, 'global.env'));
    await rm(join(dir.root, 'global.env'));
    await symlink(join(outside, 'canary.txt'), join(dir.root, 'global.env'));
    await expect(dir.globalEnvFile()).rejects.toThrow(StackPathError);
  });
});

describe('list', () => {
  it('lists real folders with a valid name and a compose file, sorted, and skips the rest', async () => {
    const make = async (name: string, file?: string) => {
      await mkdir(join(dir.root, name));
      if (file) await writeFile(join(dir.root, name, file), COMPOSE);
    };
    await make('zeta', 'compose.yaml');
    await make('alpha', 'docker-compose.yml');
    await make('mid', 'compose.yml');
    await make('empty');
    await make('only-env', '.env');
    await make('Upper', 'compose.yaml');
    await make('.hidden', 'compose.yaml');
    await make('has.dot', 'compose.yaml');
    await writeFile(join(dir.root, 'global.env'), 'A=1\n');
    await writeFile(join(dir.root, 'plainfile'), COMPOSE);
    await symlink(join(dir.root, 'zeta'), join(dir.root, 'alias'));
    expect(await dir.list()).toEqual(['alpha', 'mid', 'zeta']);
  });

  it('prefers the compose file names in Compose order', async () => {
    await mkdir(join(dir.root, 'web'));
    await writeFile(join(dir.root, 'web', 'docker-compose.yaml'), 'b: 1\n');
    await writeFile(join(dir.root, 'web', 'compose.yml'), 'a: 1\n');
    expect(await dir.composeFile('web')).toBe('compose.yml');
    expect((await dir.read('web')).compose).toBe('a: 1\n');
  });
});

describe('read and write', () => {
  const compose =
    '\uFEFF# top comment\r\nservices:   \r\n  web:  # keep me\r\n    image: "nginx:1.27"\r\n\r\n\tx: é';
  const env = 'A=1\r\n# secret\r\nB="two words"  \n';

  it('round-trips the exact bytes of compose and .env', async () => {
    await dir.write('web', { compose, env });
    expect(await dir.read('web')).toEqual({ name: 'web', composeFile: 'compose.yaml', compose, env });
    expect(await readFile(join(dir.root, 'web', 'compose.yaml'))).toEqual(Buffer.from(compose, 'utf8'));
  });

  it('creates a new stack as 0755 with compose.yaml 0644 and .env 0600, leaving no temp file', async () => {
    await dir.write('web', { compose, env });
    expect((await stat(join(dir.root, 'web'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(dir.root, 'web', 'compose.yaml'))).mode & 0o777).toBe(0o644);
    expect((await stat(join(dir.root, 'web', '.env'))).mode & 0o777).toBe(0o600);
    expect((await readdir(join(dir.root, 'web'))).sort()).toEqual(['.env', 'compose.yaml']);
  });

  it('keeps the existing compose file name and leaves, replaces or removes .env as asked', async () => {
    await mkdir(join(dir.root, 'web'));
    await writeFile(join(dir.root, 'web', 'docker-compose.yml'), 'old: 1\n');
    await writeFile(join(dir.root, 'web', '.env'), 'OLD=1\n');
    await dir.write('web', { compose: 'new: 1\n' });
    expect(await dir.read('web')).toEqual({
      name: 'web',
      composeFile: 'docker-compose.yml',
      compose: 'new: 1\n',
      env: 'OLD=1\n',
    });
    await dir.write('web', { compose: 'new: 2\n', env: 'NEW=1\n' });
    expect((await dir.read('web')).env).toBe('NEW=1\n');
    await dir.write('web', { compose: 'new: 3\n', env: '' });
    expect((await dir.read('web')).env).toBeNull();
    await dir.write('web', { compose: 'new: 4\n', env: '' });
    expect((await readdir(join(dir.root, 'web'))).sort()).toEqual(['docker-compose.yml']);
  });

  it('answers StackNotFoundError for a missing stack or a folder without a compose file', async () => {
    await expect(dir.read('nope')).rejects.toThrow(StackNotFoundError);
    await mkdir(join(dir.root, 'empty'));
    await expect(dir.read('empty')).rejects.toThrow('there is no stack named empty');
  });

  it('refuses a name that is a file in the root', async () => {
    await writeFile(join(dir.root, 'plainfile'), 'x');
    expect(() => dir.resolve('plainfile')).toThrow(
      'plainfile in the stacks directory is a file, not a stack folder',
    );
    await expect(dir.remove('plainfile')).rejects.toThrow(StackPathError);
    expect(await readFile(join(dir.root, 'plainfile'), 'utf8')).toBe('x');
  });
});

describe('remove', () => {
  it('deletes only the stack folder', async () => {
    await dir.write('web', { compose: COMPOSE, env: 'A=1' });
    await dir.write('db', { compose: COMPOSE });
    await mkdir(join(dir.root, 'web', 'data'));
    await symlink(join(dir.root, 'web', 'data'), join(dir.root, 'web', 'data-link'));
    await dir.remove('web');
    expect(await readdir(dir.root)).toEqual(['db']);
    expect(await dir.list()).toEqual(['db']);
    await expect(dir.remove('web')).rejects.toThrow(StackNotFoundError);
    expect(await readFile(join(outside, 'canary.txt'), 'utf8')).toBe('canary');
  });
});
