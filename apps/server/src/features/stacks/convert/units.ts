// Durations and sizes as both docker and Compose write them: `1m30s`, `512m`.

/** A Go duration, as docker's flags and Compose take them: `30s`, `1m30s`, `1.5h`, `500ms`. */
export const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

/** A size as docker's flags take it: bytes, or a number with a unit, like `512m`, `1.5g` or `64MiB`. */
export const SIZE_PATTERN = /^\d+(?:\.\d+)?(?:[kmgtp]i?)?b?$/i;

const NS = { h: 3_600_000_000_000, m: 60_000_000_000, s: 1_000_000_000, ms: 1_000_000, us: 1_000 } as const;

/**
 * Engine nanoseconds as a Compose duration, in whole units.
 * @example
 * formatDuration(90_000_000_000); // '1m30s'
 * formatDuration(1_500_000_000); // '1500ms'
 */
export function formatDuration(nanoseconds: number): string {
  if (nanoseconds % NS.s === 0) {
    let rest = nanoseconds;
    let out = '';
    for (const unit of ['h', 'm', 's'] as const) {
      const n = Math.floor(rest / NS[unit]);
      rest -= n * NS[unit];
      if (n > 0) out += `${n}${unit}`;
    }
    return out || '0s';
  }
  if (nanoseconds % NS.ms === 0) return `${nanoseconds / NS.ms}ms`;
  if (nanoseconds % NS.us === 0) return `${nanoseconds / NS.us}us`;
  return `${nanoseconds}ns`;
}

/**
 * Bytes in the largest unit that divides them exactly, as Compose and docker read sizes.
 * @example
 * formatBytes(536_870_912); // '512m'
 * formatBytes(1000); // '1000b'
 */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['g', 1024 ** 3],
    ['m', 1024 ** 2],
    ['k', 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes}b`;
}
