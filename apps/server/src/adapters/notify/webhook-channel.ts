import type { Alert, ChannelConfig } from '@harbourmaster/contracts';
import { ChannelError } from './channel-error.js';
import { postNotification, type SendOptions } from './notify-http.js';
import { urlSecrets } from './redact-secrets.js';
import { checkWebhookTemplate, isBlankTemplate, renderWebhookTemplate } from './webhook-template.js';

export { checkWebhookTemplate, WEBHOOK_PLACEHOLDERS } from './webhook-template.js';

type WebhookConfig = Extract<ChannelConfig, { type: 'webhook' }>['config'];

/**
 * POSTs an alert to any URL as JSON: the alert itself, or the channel's template filled in.
 * The URL and the extra headers are secrets (tokens live in both).
 *
 * @example await sendWebhook({ url: 'https://hooks.example/x', template: '{"text": "{{alert.title}}"}' }, alert, { timeoutMs: 10_000 });
 */
export async function sendWebhook(config: WebhookConfig, alert: Alert, opts: SendOptions): Promise<void> {
  let body: string;
  if (isBlankTemplate(config.template)) {
    body = JSON.stringify(alert);
  } else {
    const template = config.template ?? '';
    const problem = checkWebhookTemplate(template);
    if (problem) throw new ChannelError(`Webhook: ${problem}`, { retryable: false });
    body = renderWebhookTemplate(template, alert);
  }
  await postNotification({
    service: 'Webhook',
    url: config.url,
    headers: config.headers ?? {},
    body: { text: body, contentType: 'application/json' },
    secrets: [...urlSecrets(config.url), ...headerSecrets(config.headers ?? {})],
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
}

/** Header values, and their long words on their own (`Bearer abc…` may be echoed as `abc…`). */
function headerSecrets(headers: Record<string, string>): string[] {
  return Object.values(headers).flatMap((v) => [v, ...v.split(/\s+/).filter((w) => w.length >= 8)]);
}
