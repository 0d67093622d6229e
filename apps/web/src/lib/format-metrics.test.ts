import { describe, expect, it } from 'vitest';
import { formatCores, formatCoresLong, formatMemory, formatPercent, formatRate } from './format-metrics.js';

describe('metric formats', () => {
  it('shows cores with two decimals below 10, one below 100, none above', () => {
    expect([0, 0.004, 0.981, 9.999, 12.34, 140.6].map(formatCores)).toEqual([
      '0.00',
      '0.00',
      '0.98',
      '10.0',
      '12.3',
      '141',
    ]);
    expect(formatCoresLong(0.996)).toBe('1.00 core');
    expect(formatCoresLong(0.42)).toBe('0.42 cores');
  });

  it('shows memory in binary units with three significant digits', () => {
    expect(formatMemory(512)).toBe('512 B');
    expect(formatMemory(1023)).toBe('1023 B');
    expect(formatMemory(12_900_000)).toBe('12.3 MiB'); // 12 900 000 / 1 048 576 = 12.30…
    expect(formatMemory(1.5 * 1024 ** 3)).toBe('1.50 GiB');
    expect(formatMemory(300 * 1024 ** 2)).toBe('300 MiB');
    expect(formatMemory(99.96 * 1024 ** 2)).toBe('100 MiB');
  });

  it('shows byte rates in decimal units per second', () => {
    expect(formatRate(0)).toBe('0 B/s');
    expect(formatRate(999.4)).toBe('999 B/s');
    expect(formatRate(12_345)).toBe('12.3 kB/s');
    expect(formatRate(1_500_000)).toBe('1.50 MB/s');
  });

  it('shows percentages with one decimal below 10', () => {
    expect(formatPercent(7.46)).toBe('7.5 %');
    expect(formatPercent(63.4)).toBe('63 %');
    expect(formatPercent(0)).toBe('0 %');
  });
});
