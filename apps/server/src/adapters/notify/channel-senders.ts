import type { Alert, ChannelConfig } from '@harbourmaster/contracts';
import { sendDiscord } from './discord-channel.js';
import { sendEmail } from './email-channel.js';
import { sendGotify } from './gotify-channel.js';
import type { SendOptions } from './notify-http.js';
import { sendNtfy } from './ntfy-channel.js';
import { sendPushover } from './pushover-channel.js';
import { sendSlack } from './slack-channel.js';
import { sendTelegram } from './telegram-channel.js';
import { sendWebhook } from './webhook-channel.js';

/** How long one send may take when the caller does not say: connect, send and answer. */
export const DEFAULT_SEND_TIMEOUT_MS = 10_000;

/**
 * Sends one alert to one channel; rejects with a ChannelError that says why and whether a retry
 * can help.
 *
 * @example await sendAlert({ type: 'ntfy', config: { baseUrl: 'https://ntfy.sh', topic: 'ops' } }, alert, { timeoutMs: DEFAULT_SEND_TIMEOUT_MS });
 */
export async function sendAlert(channel: ChannelConfig, alert: Alert, opts: SendOptions): Promise<void> {
  switch (channel.type) {
    case 'webhook':
      return sendWebhook(channel.config, alert, opts);
    case 'telegram':
      return sendTelegram(channel.config, alert, opts);
    case 'discord':
      return sendDiscord(channel.config, alert, opts);
    case 'slack':
      return sendSlack(channel.config, alert, opts);
    case 'pushover':
      return sendPushover(channel.config, alert, opts);
    case 'gotify':
      return sendGotify(channel.config, alert, opts);
    case 'ntfy':
      return sendNtfy(channel.config, alert, opts);
    case 'email':
      return sendEmail(channel.config, alert, opts);
  }
}
