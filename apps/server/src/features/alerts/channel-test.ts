import type { Alert } from '@harbourmaster/contracts';
import { sendAlert } from '../../adapters/notify/channel-senders.js';
import type { ChannelStore } from './channel-store.js';
import { SEND_TIMEOUT_MS } from './delivery-worker.js';

/**
 * Sends a test alert through a stored channel now, outside the outbox, and notes the outcome as the
 * channel's health; the channel's own error when it fails. Null when there is no such channel.
 */
export async function testChannel(
  channels: Pick<ChannelStore, 'open' | 'noteOutcome'>,
  channelId: string,
  now: () => number,
): Promise<{ ok: boolean; error: string | null; ms: number } | null> {
  const channel = await channels.open(channelId);
  if (!channel) return null;
  const started = now();
  const alert: Alert = {
    id: 'test',
    key: `test:${channelId}`,
    source: 'system',
    kind: 'test',
    severity: 'info',
    status: 'firing',
    title: 'Test alert from Harbourmaster',
    message: `If you read this, the channel "${channel.name}" works.`,
    hostId: null,
    container: null,
    stack: null,
    labels: {},
    detail: {},
    at: started,
    url: null,
  };
  try {
    await sendAlert(channel, alert, { timeoutMs: SEND_TIMEOUT_MS });
    await channels.noteOutcome(channelId, null);
    return { ok: true, error: null, ms: now() - started };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await channels.noteOutcome(channelId, message);
    return { ok: false, error: message, ms: now() - started };
  }
}
