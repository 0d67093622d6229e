import { describe, expect, it } from 'vitest';
import { keyedCount, parseCount, requireKey, workingSet } from './kernel-text.js';

describe('kernel text readers', () => {
  it('parses a counter with its newline, and refuses anything else by name', () => {
    expect(parseCount(' 21189782\n', 'cpuacct.usage')).toBe(21189782);
    expect(() => parseCount('12.5', 'x.count')).toThrow(
      'x.count: expected a non-negative integer, got "12.5"',
    );
    expect(() => parseCount('', 'x.count')).toThrow('got ""');
  });

  it('reads one counter of a keyed file by its whole key at a line start', () => {
    const text =
      'usage_usec 10\nsome avg10=0.00 total=0\nname text\n\ntotal_inactive_file 7\ninactive_file 3\nnr_periods 3';
    expect(keyedCount(text, 'usage_usec')).toBe(10);
    // Not the tail of a longer key, and the last line needs no newline.
    expect(keyedCount(text, 'inactive_file')).toBe(3);
    expect(keyedCount(text, 'total_inactive_file')).toBe(7);
    expect(keyedCount(text, 'nr_periods')).toBe(3);
    expect(keyedCount(text, 'periods')).toBeUndefined();
    // A line with several values, or a word, is not a counter.
    expect(keyedCount(text, 'some')).toBeUndefined();
    expect(keyedCount(text, 'name')).toBeUndefined();
    expect(requireKey(text, 'nr_periods', 'cpu.stat')).toBe(3);
    expect(() => requireKey(text, 'missing', 'cpu.stat')).toThrow('cpu.stat: no "missing" line');
  });

  it('clamps the working set at zero', () => {
    expect(workingSet(10, 4)).toBe(6);
    expect(workingSet(4, 10)).toBe(0);
  });
});
