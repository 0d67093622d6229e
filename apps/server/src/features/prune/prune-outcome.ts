export interface PruneOutcome {
  dryRun: boolean;
  items: Array<{ id: string; name: string }>;
  removed: string[];
  errors: Array<{ name: string; message: string }>;
}

/**
 * Removes each listed item in turn; one that fails (taken into use meanwhile) is reported and the
 * rest still go. A dry run removes nothing and returns the same list.
 */
export async function pruneEach(
  items: Array<{ id: string; name: string }>,
  dryRun: boolean,
  remove: (item: { id: string; name: string }) => Promise<void>,
): Promise<PruneOutcome> {
  const outcome: PruneOutcome = { dryRun, items, removed: [], errors: [] };
  if (dryRun) return outcome;
  for (const item of items) {
    try {
      await remove(item);
      outcome.removed.push(item.name);
    } catch (err) {
      outcome.errors.push({ name: item.name, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return outcome;
}
