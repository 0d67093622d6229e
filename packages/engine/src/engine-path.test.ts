import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-errors.js';
import { refPath, seg } from './engine-path.js';

describe('engine path segments', () => {
  it('escapes an id or name as one segment', () => {
    expect(seg('web-1')).toBe('web-1');
    expect(seg('../volumes/x')).toBe('..%2Fvolumes%2Fx');
    expect(seg('a?b#c%d')).toBe('a%3Fb%23c%25d');
  });

  it.each(['', '.', '..'])('refuses %j as an id or name', (value) => {
    expect(() => seg(value)).toThrow(EngineError);
    expect(() => seg(value)).toThrow(/not a valid id, name or reference/);
  });

  it('keeps the slashes of an image reference and escapes each segment', () => {
    expect(refPath('127.0.0.1:5000/x/y:1')).toBe('127.0.0.1%3A5000/x/y%3A1');
    expect(refPath('app@sha256:abc')).toBe('app%40sha256%3Aabc');
    expect(refPath('a?b')).toBe('a%3Fb');
  });

  it.each(['', '..', '../volumes/x', 'a/../b', 'a/./b', 'a//b', '/a', 'a/'])(
    'refuses the image reference %j',
    (ref) => {
      expect(() => refPath(ref)).toThrow(EngineError);
    },
  );
});
