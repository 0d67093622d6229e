import type { StackStatus } from '@harbourmaster/contracts';
import { StateBadge } from '../../components/state-badge.js';

const TONE: Record<StackStatus, 'ok' | 'warn' | 'idle'> = {
  running: 'ok',
  'partly running': 'warn',
  stopped: 'idle',
  'not deployed': 'idle',
};

/** A stack's status as a badge: the word beside the colour, as every state in the panel. */
export function StackStatusBadge({ status }: { status: StackStatus }) {
  return <StateBadge state={status} tone={TONE[status]} />;
}
