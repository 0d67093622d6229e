import type { AlertHistoryItem, AlertSeverity } from '@harbourmaster/contracts';
import { clockTime, fullTime } from '../../lib/format-time.js';

/** The badge tones of components/state-badge.tsx. */
export type Tone = 'ok' | 'warn' | 'bad' | 'idle';
type Delivery = AlertHistoryItem['deliveries'][number];

const SEVERITY_TONE: Record<AlertSeverity, Tone> = { critical: 'bad', warning: 'warn', info: 'idle' };

/** A severity's colour; its word is always shown beside it. */
export const severityTone = (s: AlertSeverity): Tone => SEVERITY_TONE[s];

/**
 * Firing: still broken (red); resolved: the recovery (green). Not amber: the badge pulses in amber,
 * which suits a state in motion, not a record.
 */
export const statusTone = (s: AlertHistoryItem['status']): Tone => (s === 'firing' ? 'bad' : 'ok');

/** How many times it happened, when the dedupe window folded identical alerts into it ("×3"); else null. */
export const timesLabel = (repeats: number): string | null => (repeats > 0 ? `×${repeats + 1}` : null);

/** One channel's delivery as a badge word and colour, and what to say next to it. */
export function deliveryState(d: Delivery): { word: string; tone: Tone; detail: string | null } {
  switch (d.state) {
    case 'sent':
      return { word: 'sent', tone: 'ok', detail: null };
    case 'queued':
      return {
        word: 'queued',
        tone: 'warn',
        detail:
          d.attempts === 0
            ? null
            : `${d.attempts} ${d.attempts === 1 ? 'attempt' : 'attempts'} so far${d.lastError ? `, last: ${d.lastError}` : ''}`,
      };
    case 'failed':
      return {
        word: 'failed',
        tone: 'bad',
        detail: `${d.lastError ?? 'no reason given'}${d.attempts > 1 ? ` (after ${d.attempts} attempts)` : ''}`,
      };
  }
}

/** The panel paths of an alert's container and stack, when it names them and a host. */
export function subjectLinks(a: Pick<AlertHistoryItem, 'hostId' | 'container' | 'stack'>): {
  container: string | null;
  stack: string | null;
} {
  const host = a.hostId === null ? null : encodeURIComponent(a.hostId);
  return {
    container: host && a.container ? `/containers/${host}/${encodeURIComponent(a.container.id)}` : null,
    stack: host && a.stack ? `/stacks/${host}/${encodeURIComponent(a.stack)}` : null,
  };
}

/** When something started, for "failing since …": the clock time today, else the date and time. */
export function sinceText(ms: number, now = Date.now()): string {
  return new Date(ms).toDateString() === new Date(now).toDateString() ? clockTime(ms) : fullTime(ms);
}
