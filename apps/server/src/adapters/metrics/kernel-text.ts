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

/** Parses `key value` lines (memory.stat, cpu.stat) into a map of counters; other lines are skipped. */
export function parseKeyedCounts(text: string): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [key, value, extra] = line.trim().split(/\s+/);
    // Only two-field numeric lines: a key with several values is not a counter we read.
    if (key && value !== undefined && extra === undefined && DIGITS.test(value))
      counts.set(key, Number(value));
  }
  return counts;
}

/** The counter `key` of a keyed file, or an error that names the file and the key. */
export function requireKey(counts: ReadonlyMap<string, number>, key: string, file: string): number {
  const value = counts.get(key);
  if (value === undefined) throw new Error(`${file}: no "${key}" line`);
  return value;
}

/** Usage minus inactive file cache, never below zero (the two are read at slightly different instants). */
export function workingSet(usage: number, inactiveFile: number): number {
  return Math.max(0, usage - inactiveFile);
}
