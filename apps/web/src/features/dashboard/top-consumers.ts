import type { ContainerMetricValues, ContainerSummary } from '@harbourmaster/contracts';

/** A container with the values it ranks by. */
export interface Consumer {
  c: ContainerSummary;
  values: ContainerMetricValues;
}

/**
 * The `limit` containers with the highest latest `field`, highest first; containers without values
 * (stopped, not sampled yet) are left out, ties go by name so the list does not flicker.
 */
export function topConsumers(
  rows: readonly ContainerSummary[],
  metricsOf: (c: ContainerSummary) => ContainerMetricValues | undefined,
  field: 'cpu' | 'memory',
  limit = 5,
): Consumer[] {
  return rows
    .flatMap((c) => {
      const values = metricsOf(c);
      return values ? [{ c, values }] : [];
    })
    .sort((a, b) => b.values[field] - a.values[field] || a.c.name.localeCompare(b.c.name))
    .slice(0, limit);
}
