import { describe, expect, it } from 'vitest';
import { UnsafePatternError, compileLogPattern } from './log-pattern.js';

describe('compileLogPattern', () => {
  it('compiles plain patterns, with or without case', () => {
    expect(compileLogPattern('ERROR .* failed', false).test('ERROR job 3 failed')).toBe(true);
    expect(compileLogPattern('error', true).test('ERROR')).toBe(true);
  });

  it('refuses what could hang the daemon, and what is not a pattern', () => {
    for (const bad of ['(a+)+$', '(x*)*y', '(\\w+\\s?)*$', '(a)\\1', '(?<n>a)\\k<n>', '[unclosed'])
      expect(() => compileLogPattern(bad, false), bad).toThrow(UnsafePatternError);
  });
});
