import { describe, expect, it } from 'vitest';
import { stackFilesSchema, stackNameSchema, stackWriteBodySchema } from './stacks.js';

const message = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  r.error?.issues[0]?.message;

describe('stackNameSchema', () => {
  it('takes lowercase names of letters, digits, - and _', () => {
    for (const name of ['a', '0', 'media-server', 'my_stack-2', 'x'.repeat(63)]) {
      expect(stackNameSchema.parse(name)).toBe(name);
    }
  });

  it('refuses every path-like or look-alike form, in plain words', () => {
    const refused = [
      '..',
      '.',
      '.hidden',
      'a/b',
      'a\\b',
      '/etc',
      '%2e%2e',
      'a%2fb',
      'a\0b',
      '\uff41', // fullwidth a
      '\u2024\u2024', // one-dot leaders
      'stack.',
      'stack ',
      ' stack',
      'Stack',
      '-stack',
      '_stack',
      'st\u0430ck', // Cyrillic a
    ];
    for (const name of refused) {
      expect(message(stackNameSchema.safeParse(name)), JSON.stringify(name)).toBe(
        'a stack name is lowercase letters, digits, - and _, starting with a letter or digit',
      );
    }
  });

  it('refuses empty, too long and non-text names', () => {
    expect(message(stackNameSchema.safeParse(''))).toBe('enter a stack name, like media-server');
    expect(message(stackNameSchema.safeParse('x'.repeat(64)))).toBe('a stack name has at most 63 characters');
    expect(message(stackNameSchema.safeParse(42))).toBe('a stack name is text, like media-server');
  });
});

describe('stackWriteBodySchema', () => {
  it('keeps the texts exactly and leaves env optional', () => {
    const compose = '# top\r\nservices:\r\n  a:   # keep\r\n    image: busybox\r\n';
    expect(stackWriteBodySchema.parse({ name: 'a', compose })).toEqual({ name: 'a', compose });
    expect(stackWriteBodySchema.parse({ name: 'a', compose, env: '' }).env).toBe('');
  });

  it('refuses an empty compose file and texts over their size in bytes', () => {
    expect(message(stackWriteBodySchema.safeParse({ name: 'a', compose: '' }))).toMatch(
      /compose file is empty/,
    );
    // 128 Ki two-byte characters: within 256 Ki characters' worth of length, but 256 KiB + 2 bytes.
    const big = 'é'.repeat(128 * 1024 + 1);
    expect(message(stackWriteBodySchema.safeParse({ name: 'a', compose: big }))).toBe(
      'the compose file is larger than 256 KiB',
    );
    expect(stackWriteBodySchema.safeParse({ name: 'a', compose: 'x'.repeat(256 * 1024) }).success).toBe(true);
    const env = 'x'.repeat(64 * 1024 + 1);
    expect(message(stackWriteBodySchema.safeParse({ name: 'a', compose: 'x', env }))).toBe(
      'the .env file is larger than 64 KiB',
    );
  });
});

describe('stackFilesSchema', () => {
  it('names one of the four compose files', () => {
    const files = { name: 'a', composeFile: 'docker-compose.yml', compose: 'x', env: null };
    expect(stackFilesSchema.parse(files)).toEqual(files);
    expect(stackFilesSchema.safeParse({ ...files, composeFile: 'stack.yaml' }).success).toBe(false);
  });
});
