import { describe, expect, it } from 'vitest';
import { parseCount, parseKeyedCounts, requireKey, workingSet } from './kernel-text.js';

describe('kernel text readers', () => {
  it('parses a counter with its newline, and refuses anything else by name', () => {
    expect(parseCount(' 21189782\n', 'cpuacct.usage')).toBe(21189782);
    expect(() => parseCount('12.5', 'x.count')).toThrow(
      'x.count: expected a non-negative integer, got "12.5"',
    );
    expect(() => parseCount('', 'x.count')).toThrow('got ""');
  });

  it('keeps only two-field numeric lines of a keyed file', () => {
    const counts = parseKeyedCounts('usage_usec 10\nsome avg10=0.00 total=0\nname text\n\nnr_periods 3\n');
    expect([...counts]).toEqual([
      ['usage_usec', 10],
      ['nr_periods', 3],
    ]);
    expect(requireKey(counts, 'nr_periods', 'cpu.stat')).toBe(3);
    expect(() => requireKey(counts, 'some', 'cpu.stat')).toThrow('cpu.stat: no "some" line');
  });

  it('clamps the working set at zero', () => {
    expect(workingSet(10, 4)).toBe(6);
    expect(workingSet(4, 10)).toBe(0);
  });
});
