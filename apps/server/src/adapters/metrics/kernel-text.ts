/*
 * Small readers for the number formats the kernel writes in /proc and /sys. They throw on text they do
 * not understand: a metric read from a misparsed file would be a confident lie on a chart.
 */

const DIGITS = /^\d+$/;

/** Parses a non-negative decimal counter (surrounding whitespace allowed); `what` names it in errors. */
export function parseCount(text: string, what: string): number {
  const trimmed = text.trim();
  if (!DIGITS.test(trimmed)) throw new Error(`${what}: expected a non-negative integer, got "${trimmed}"`);
  return Number(trimmed);
}

/**
 * The counter on the `key value` line of a keyed file, found without splitting the whole text (the
 * sampler reads memory.stat of every container every second and wants one line of forty); undefined
 * when there is no such line or its value is not a counter.
 * @example keyedCount('cache 0\ntotal_inactive_file 4096\n', 'total_inactive_file') // 4096
 */
export function keyedCount(text: string, key: string): number | undefined {
  const at = text.startsWith(`${key} `) ? 0 : text.indexOf(`\n${key} `) + 1;
  if (at === 0 && !text.startsWith(`${key} `)) return undefined;
  const start = at + key.length + 1;
  const end = text.indexOf('\n', start);
  const value = text.slice(start, end < 0 ? text.length : end).trim();
  return DIGITS.test(value) ? Number(value) : undefined;
}

/** The counter `key` of a keyed file's text, or an error that names the file and the key. */
export function requireKey(text: string, key: string, file: string): number {
  const value = keyedCount(text, key);
  if (value === undefined) throw new Error(`${file}: no "${key}" line`);
  return value;
}

/** Usage minus inactive file cache, never below zero (the two are read at slightly different instants). */
export function workingSet(usage: number, inactiveFile: number): number {
  return Math.max(0, usage - inactiveFile);
}
