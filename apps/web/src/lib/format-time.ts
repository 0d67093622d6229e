const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'narrow' });
const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** "3 min. ago", "yesterday": how long ago a unix-ms time was, in the reader's language. */
export function timeAgo(ms: number, now = Date.now()): string {
  let value = (ms - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return rtf.format(Math.round(value), unit);
    value /= size;
  }
  return new Date(ms).toLocaleDateString();
}

/** A full local date and time, for titles next to relative times. */
export function fullTime(ms: number): string {
  return new Date(ms).toLocaleString();
}

/** A clock time with seconds, for event feeds. */
export function clockTime(ms: number): string {
  // 24-hour, so the column keeps one width.
  return new Date(ms).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}
