// Numbers inside names compare by value, so `worker-2` comes before `worker-10`, as people count.
// One collator for the whole panel: building one per comparison would be slow on long lists.
const collator = new Intl.Collator(undefined, { numeric: true });

/**
 * Compares two names naturally: digit runs by their value, letters by the reader's locale.
 *
 * @example
 * ['worker-10', 'worker-2'].sort(compareNames); // ['worker-2', 'worker-10']
 */
export function compareNames(a: string, b: string): number {
  // `web-02` and `web-2` are equal by value; a code-point tiebreak keeps distinct names apart, so
  // rows never swap places when a live event re-sorts the list.
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A copy of `rows` in natural order of the name `nameOf` gives each. */
export function sortByName<T>(rows: readonly T[], nameOf: (row: T) => string): T[] {
  return [...rows].sort((a, b) => compareNames(nameOf(a), nameOf(b)));
}
