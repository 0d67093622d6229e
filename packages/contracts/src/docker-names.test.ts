import { describe, expect, it } from 'vitest';
import { containerRefSchema, imageRefSchema, networkRefSchema, volumeNameSchema } from './docker-names.js';

const ok = (s: { safeParse: (v: unknown) => { success: boolean } }, v: string) => s.safeParse(v).success;

describe('Docker names and references', () => {
  it.each([
    'nginx',
    'nginx:1.27-alpine',
    'library/nginx:latest',
    '127.0.0.1:15500/hm-test/busybox:2',
    'localhost:5000/a/b',
    'registry.example.com/team/app@sha256:' + 'a'.repeat(64),
    'app:v1@sha256:' + 'b'.repeat(64),
    '[::1]:5000/x/y:1',
    'sha256:' + 'c'.repeat(64),
    'f4695c1d2e3a',
    'a__b.c-d---e/f',
  ])('accepts the image reference %s', (ref) => {
    expect(ok(imageRefSchema, ref)).toBe(true);
  });

  it.each([
    '../volumes/x',
    '..',
    '.',
    'a/../b',
    'a//b',
    '/abs',
    'a/',
    'Nginx',
    'nginx:',
    'nginx@sha256:short',
    'a b',
    'a%2Fb',
    'ngi\u00f1x',
    '',
    'a:' + 'x'.repeat(129),
  ])('refuses the image reference %j', (ref) => {
    expect(ok(imageRefSchema, ref)).toBe(false);
  });

  it.each([
    [containerRefSchema, 'web-1'],
    [containerRefSchema, 'f4695c1d2e3a'],
    [networkRefSchema, 'proj_default'],
    [volumeNameSchema, 'a'],
    [volumeNameSchema, 'd'.repeat(64)],
  ] as const)('accepts a name', (schema, name) => {
    expect(ok(schema, name)).toBe(true);
  });

  it.each(['..', '.', '.hidden', '-x', 'a/b', '../x', 'a b', 'caf\u00e9', '', 'x'.repeat(256)])(
    'refuses the container, network or volume name %j',
    (name) => {
      for (const schema of [containerRefSchema, networkRefSchema, volumeNameSchema]) {
        expect(ok(schema, name)).toBe(false);
      }
    },
  );

  it('refuses megabyte-long hostile strings without scanning them', () => {
    const hostile = ['a'.repeat(4_000_000) + '!', 'a.'.repeat(2_000_000) + '/', 'a-'.repeat(2_000_000)];
    const started = performance.now();
    for (const value of hostile) {
      expect(ok(imageRefSchema, value)).toBe(false);
      expect(ok(containerRefSchema, value)).toBe(false);
    }
    // Generous: without the aborting length check this takes minutes.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('checks a reference at the length limit quickly', () => {
    const near = 'a'.repeat(255) + '.' + 'b'.repeat(250) + '!';
    const started = performance.now();
    expect(ok(imageRefSchema, near)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
