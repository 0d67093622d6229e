import type { Alert, AlertMatch, AlertSeverity } from '@harbourmaster/contracts';

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

/**
 * Whether a rule's match takes an alert: every field the match gives must hold; an empty match
 * takes every alert. `tags` are the container's (or stack's) tags in the panel.
 * @example ruleMatches({ minSeverity: 'critical' }, alert, []) // true for a critical alert
 */
export function ruleMatches(match: AlertMatch, alert: Alert, tags: readonly string[]): boolean {
  if (match.sources?.length && !match.sources.includes(alert.source)) return false;
  if (match.kinds?.length && !match.kinds.includes(alert.kind)) return false;
  if (match.minSeverity && RANK[alert.severity] < RANK[match.minSeverity]) return false;
  if (match.hosts?.length && (alert.hostId === null || !match.hosts.includes(alert.hostId))) return false;
  if (match.stacks?.length && (alert.stack === null || !match.stacks.includes(alert.stack))) return false;
  if (match.tags?.length && !match.tags.some((t) => tags.includes(t))) return false;
  if (match.labels?.length && !match.labels.some((l) => hasLabel(alert.labels, l))) return false;
  return true;
}

/** `key` matches a label present with any value; `key=value` that exact value. */
export function hasLabel(labels: Readonly<Record<string, string>>, wanted: string): boolean {
  const i = wanted.indexOf('=');
  if (i < 0) return Object.hasOwn(labels, wanted);
  const key = wanted.slice(0, i);
  return Object.hasOwn(labels, key) && labels[key] === wanted.slice(i + 1);
}
