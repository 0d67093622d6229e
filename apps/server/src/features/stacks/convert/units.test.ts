import { describe, expect, it } from 'vitest';
import { DURATION_PATTERN, SIZE_PATTERN, formatBytes, formatDuration } from './units.js';

describe('units', () => {
  it('writes engine nanoseconds as Compose durations', () => {
    expect(formatDuration(30_000_000_000)).toBe('30s');
    expect(formatDuration(90_000_000_000)).toBe('1m30s');
    expect(formatDuration(3_600_000_000_000 + 5_000_000_000)).toBe('1h5s');
    expect(formatDuration(1_500_000_000)).toBe('1500ms');
    expect(formatDuration(2_000)).toBe('2us');
    expect(formatDuration(7)).toBe('7ns');
    expect(formatDuration(0)).toBe('0s');
  });

  it('writes bytes in the largest exact unit', () => {
    expect(formatBytes(64 * 1024 * 1024)).toBe('64m');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2g');
    expect(formatBytes(1536 * 1024 * 1024)).toBe('1536m');
    expect(formatBytes(4096)).toBe('4k');
    expect(formatBytes(1000)).toBe('1000b');
  });

  it('knows the duration and size forms docker accepts', () => {
    for (const d of ['30s', '1m30s', '1.5h', '500ms', '10us']) expect(DURATION_PATTERN.test(d)).toBe(true);
    for (const d of ['30', 's', '1d', '-5s', '1m 30s']) expect(DURATION_PATTERN.test(d)).toBe(false);
    for (const s of ['512m', '1g', '1.5G', '1048576', '64k', '512mb', '64MiB', '100b'])
      expect(SIZE_PATTERN.test(s)).toBe(true);
    for (const s of ['m', '-1', 'lots', '5 m', '1x']) expect(SIZE_PATTERN.test(s)).toBe(false);
  });
});
