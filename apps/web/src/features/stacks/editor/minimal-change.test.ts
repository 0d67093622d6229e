import { describe, expect, it } from 'vitest';
import { minimalChange } from './minimal-change.js';

const apply = (text: string, change: ReturnType<typeof minimalChange>) =>
  change ? text.slice(0, change.from) + change.insert + text.slice(change.to) : text;

describe('minimalChange', () => {
  it('is null for equal texts', () => {
    expect(minimalChange('a: 1\n', 'a: 1\n')).toBeNull();
  });

  it('replaces only the part that differs', () => {
    expect(minimalChange('image: a\nports: []\n', 'image: b\nports: []\n')).toEqual({
      from: 7,
      to: 8,
      insert: 'b',
    });
    expect(minimalChange('ab', 'aXb')).toEqual({ from: 1, to: 1, insert: 'X' });
    expect(minimalChange('aXb', 'ab')).toEqual({ from: 1, to: 2, insert: '' });
  });

  it('handles repeated text, empty texts and whole replacements', () => {
    const cases: [string, string][] = [
      ['aaa', 'aaaa'],
      ['aaaa', 'aa'],
      ['', 'services:\n'],
      ['services:\n', ''],
      ['abc', 'xyz'],
    ];
    for (const [before, after] of cases) expect(apply(before, minimalChange(before, after))).toBe(after);
  });

  it('never splits a surrogate pair', () => {
    const change = minimalChange('x: 😀', 'x: 😃');
    expect(change).toEqual({ from: 3, to: 5, insert: '😃' });
  });
});
