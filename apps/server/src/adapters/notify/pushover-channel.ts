import type { Alert, ChannelConfig } from '@harbourmaster/contracts';
import { alertFacts, cut, plainBody, renderWithin } from './alert-text.js';
import { joinUrl, parseJsonObject, postNotification, type SendOptions } from './notify-http.js';

type PushoverConfig = Extract<ChannelConfig, { type: 'pushover' }>['config'];

// Pushover's limits: title 250, message 1024, url 512 characters.
const MAX_TITLE = 250;
const MAX_MESSAGE = 1024;
const MAX_URL = 512;

/**
 * Sends an alert through Pushover's message API as plain text: high priority (1, past quiet
 * hours) for a critical alert while it fires, normal otherwise.
 *
 * @example await sendPushover({ token, user, baseUrl: 'https://api.pushover.net' }, alert, { timeoutMs: 10_000 });
 */
export async function sendPushover(config: PushoverConfig, alert: Alert, opts: SendOptions): Promise<void> {
  const facts = alertFacts(alert);
  const form: Record<string, string> = {
    token: config.token,
    user: config.user,
    title: cut(facts.title, MAX_TITLE),
    // The link goes into its own field, where Pushover shows it as a button.
    message: renderWithin({ ...facts, url: null }, plainBody, MAX_MESSAGE),
    priority: alert.status === 'firing' && alert.severity === 'critical' ? '1' : '0',
    timestamp: String(Math.floor(alert.at / 1000)),
  };
  if (facts.url && facts.url.length <= MAX_URL) {
    form.url = facts.url;
    form.url_title = 'Open in Harbourmaster';
  }
  await postNotification({
    service: 'Pushover',
    url: joinUrl(config.baseUrl, '/1/messages.json'),
    body: { form },
    secrets: [config.token, config.user],
    // Pushover answers `{ status: 0, errors: ['application token is invalid'], … }`.
    describe: ({ body }) => {
      const errors = parseJsonObject(body)?.errors;
      return Array.isArray(errors) && errors.length ? errors.map(String).join('; ') : undefined;
    },
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
}
