import type { Alert, ChannelConfig } from '@harbourmaster/contracts';
import { alertFacts, markdownBody } from './alert-text.js';
import { joinUrl, parseJsonObject, postNotification, type SendOptions } from './notify-http.js';

type GotifyConfig = Extract<ChannelConfig, { type: 'gotify' }>['config'];

/** Gotify's priorities: 8 and up alert loudly on Android, 4–7 notify, below 4 stay quiet. */
function gotifyPriority(alert: Alert): number {
  if (alert.status === 'resolved') return 2;
  switch (alert.severity) {
    case 'critical':
      return 8;
    case 'warning':
      return 5;
    case 'info':
      return 2;
  }
}

/**
 * Sends an alert to a Gotify server as a Markdown message (the key in a header, not the URL).
 *
 * @example await sendGotify({ baseUrl: 'https://gotify.example', token }, alert, { timeoutMs: 10_000 });
 */
export async function sendGotify(config: GotifyConfig, alert: Alert, opts: SendOptions): Promise<void> {
  const facts = alertFacts(alert);
  await postNotification({
    service: 'Gotify',
    url: joinUrl(config.baseUrl, '/message'),
    headers: { 'X-Gotify-Key': config.token },
    body: {
      json: {
        title: facts.title,
        message: markdownBody(facts),
        priority: gotifyPriority(alert),
        extras: {
          'client::display': { contentType: 'text/markdown' },
          ...(facts.url ? { 'client::notification': { click: { url: facts.url } } } : {}),
        },
      },
    },
    secrets: [config.token],
    // Gotify answers `{ error: 'Unauthorized', errorCode: 401, errorDescription: '…' }`.
    describe: ({ body }) => {
      const json = parseJsonObject(body);
      const words = [json?.error, json?.errorDescription].filter((w) => typeof w === 'string' && w);
      return words.length ? words.join(': ') : undefined;
    },
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
}
