import type { Alert, ChannelConfig } from '@harbourmaster/contracts';
import { alertFacts, plainBody, renderWithin } from './alert-text.js';
import {
  joinUrl,
  parseJsonObject,
  postNotification,
  type NotifyAnswer,
  type SendOptions,
} from './notify-http.js';

type NtfyConfig = Extract<ChannelConfig, { type: 'ntfy' }>['config'];

/** ntfy turns a longer message (in bytes) into an attachment. */
const MAX_MESSAGE_BYTES = 4096;

/** 5 (urgent) for a critical alert while it fires, 4 (high) for a warning, 3 (default) otherwise. */
function ntfyPriority(alert: Alert): number {
  if (alert.status === 'resolved') return 3;
  switch (alert.severity) {
    case 'critical':
      return 5;
    case 'warning':
      return 4;
    case 'info':
      return 3;
  }
}

/** ntfy shows a tag that names an emoji as that emoji before the title (so the title has no icon). */
function ntfyTag(alert: Alert): string {
  if (alert.status === 'resolved') return 'white_check_mark';
  switch (alert.severity) {
    case 'critical':
      return 'rotating_light';
    case 'warning':
      return 'warning';
    case 'info':
      return 'information_source';
  }
}

/**
 * Sends an alert to an ntfy topic with ntfy's JSON publishing (POST to the server's root with the
 * topic in the body): titles and messages travel as UTF-8 JSON, so no header encoding is needed.
 *
 * @example await sendNtfy({ baseUrl: 'https://ntfy.sh', topic: 'my-alerts' }, alert, { timeoutMs: 10_000 });
 */
export async function sendNtfy(config: NtfyConfig, alert: Alert, opts: SendOptions): Promise<void> {
  const facts = alertFacts(alert);
  const token = config.token?.trim();
  await postNotification({
    service: 'ntfy',
    url: joinUrl(config.baseUrl, '/'),
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    body: {
      json: {
        topic: config.topic,
        title: facts.headline,
        message: renderWithin({ ...facts, url: null }, plainBody, MAX_MESSAGE_BYTES, (s) =>
          Buffer.byteLength(s),
        ),
        priority: ntfyPriority(alert),
        tags: [ntfyTag(alert)],
        ...(facts.url ? { click: facts.url } : {}),
      },
    },
    secrets: token ? [token] : [],
    describe: (answer) => describeNtfy(answer, Boolean(token)),
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
}

/** ntfy answers `{ code: 40301, http: 403, error: 'forbidden', link }`; a hint says what to do. */
function describeNtfy({ status, body }: NotifyAnswer, hasToken: boolean): string | undefined {
  const error = parseJsonObject(body)?.error;
  if (typeof error !== 'string') return undefined;
  if (status === 401) return `${error} (the token is not valid)`;
  if (status === 403) {
    return `${error} (${hasToken ? 'the token may not publish to this topic' : 'the topic needs a token'})`;
  }
  return error;
}
