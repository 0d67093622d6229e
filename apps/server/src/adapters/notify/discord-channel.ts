import type { Alert, ChannelConfig } from '@harbourmaster/contracts';
import { alertFacts, cut, escapeMarkdown, markdownBody, renderWithin } from './alert-text.js';
import { parseJsonObject, postNotification, type SendOptions } from './notify-http.js';
import { urlSecrets } from './redact-secrets.js';

type DiscordConfig = Extract<ChannelConfig, { type: 'discord' }>['config'];

// Discord's embed limits: title 256, description 4096, field value 1024 (and 6000 in all).
const MAX_TITLE = 256;
const MAX_DESCRIPTION = 4096;
const MAX_FIELD_VALUE = 1024;
const MAX_EMBED = 6000;

/** The embed's stripe: green once resolved, else red, orange or blue by severity. */
export function discordColour(alert: Pick<Alert, 'status' | 'severity'>): number {
  if (alert.status === 'resolved') return 0x2ecc71;
  switch (alert.severity) {
    case 'critical':
      return 0xe74c3c;
    case 'warning':
      return 0xf39c12;
    case 'info':
      return 0x3498db;
  }
}

/** The facts shown as inline embed fields; the time is the embed's own timestamp. */
const FIELD_LABELS = new Set(['Host', 'Container', 'Stack', 'Exit code', 'Reason']);

/**
 * Sends an alert to a Discord webhook as one embed. `?wait=true` makes Discord answer only once
 * the message exists, so a refusal comes back as an error instead of a silent 204.
 *
 * @example await sendDiscord({ webhookUrl: 'https://discord.com/api/webhooks/1/abc' }, alert, { timeoutMs: 10_000 });
 */
export async function sendDiscord(config: DiscordConfig, alert: Alert, opts: SendOptions): Promise<void> {
  const facts = alertFacts(alert);
  const url = new URL(config.webhookUrl);
  url.searchParams.set('wait', 'true');
  const title = cut(escapeMarkdown(facts.title), MAX_TITLE);
  const fields = facts.fields
    .filter((x) => FIELD_LABELS.has(x.label))
    .map((x) => ({
      name: x.label,
      value: cut(escapeMarkdown(x.value), MAX_FIELD_VALUE),
      inline: x.label !== 'Reason',
    }));
  // The limit for the whole embed counts title, description and fields together.
  const room = MAX_EMBED - title.length - fields.reduce((n, x) => n + x.name.length + x.value.length, 0);
  const description = renderWithin(
    facts,
    (f) => markdownBody(f, { fields: false }),
    Math.min(MAX_DESCRIPTION, room),
  );
  await postNotification({
    service: 'Discord',
    url: url.href,
    body: {
      json: {
        // Nothing in an alert may ping @everyone or a role.
        allowed_mentions: { parse: [] },
        embeds: [
          {
            title,
            ...(description ? { description } : {}),
            color: discordColour(alert),
            timestamp: new Date(alert.at).toISOString(),
            ...(facts.url && /^https?:\/\//.test(facts.url) ? { url: facts.url } : {}),
            fields,
          },
        ],
      },
    },
    secrets: urlSecrets(config.webhookUrl),
    // Discord answers `{ message: 'Unknown Webhook', code: 10015 }`.
    describe: ({ body }) => {
      const m = parseJsonObject(body)?.message;
      return typeof m === 'string' ? m : undefined;
    },
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
}
