import type { Alert, ChannelConfig } from '@harbourmaster/contracts';
import { alertFacts, cut, escapeSlack, plainBody, renderWithin, slackLink } from './alert-text.js';
import { postNotification, type SendOptions } from './notify-http.js';
import { urlSecrets } from './redact-secrets.js';

type SlackConfig = Extract<ChannelConfig, { type: 'slack' }>['config'];

// Slack's Block Kit limits: header 150, section text 3000, field 2000 characters, at most 10 fields.
const MAX_HEADER = 150;
const MAX_SECTION = 3000;
const MAX_FIELD = 2000;
const MAX_FALLBACK = 3000;

/**
 * The message's blocks. Outside text goes into `plain_text` objects and a preformatted rich-text
 * element, which Slack never reads as markup, so a `*` or `<!channel>` in a log line stays text;
 * only our own link is mrkdwn.
 */
export function slackBlocks(alert: Alert): unknown[] {
  const f = alertFacts(alert);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(f.title, MAX_HEADER) } },
  ];
  if (f.message) {
    blocks.push({ type: 'section', text: { type: 'plain_text', text: cut(f.message, MAX_SECTION) } });
  }
  blocks.push({
    type: 'section',
    fields: f.fields
      .slice(0, 10)
      .map((x) => ({ type: 'plain_text', text: cut(`${x.label}: ${x.value}`, MAX_FIELD) })),
  });
  if (f.logTail.length) {
    blocks.push({
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [{ type: 'text', text: 'Last log lines:', style: { bold: true } }],
        },
        {
          type: 'rich_text_preformatted',
          elements: [{ type: 'text', text: cut(f.logTail.join('\n'), MAX_SECTION) }],
        },
      ],
    });
  }
  if (f.url) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: slackLink(f.url, 'Open in Harbourmaster') },
    });
  }
  return blocks;
}

/**
 * Sends an alert to a Slack incoming webhook: header and section blocks, and a plain `text`
 * (read as plain text, `mrkdwn: false`) for notifications and clients without blocks.
 *
 * @example await sendSlack({ webhookUrl: 'https://hooks.slack.com/services/T/B/x' }, alert, { timeoutMs: 10_000 });
 */
export async function sendSlack(config: SlackConfig, alert: Alert, opts: SendOptions): Promise<void> {
  const facts = alertFacts(alert);
  const text = escapeSlack(`${facts.title}\n\n${renderWithin(facts, plainBody, MAX_FALLBACK)}`);
  await postNotification({
    service: 'Slack',
    url: config.webhookUrl,
    body: { json: { text, mrkdwn: false, blocks: slackBlocks(alert) } },
    secrets: urlSecrets(config.webhookUrl),
    // Slack answers in plain words: `invalid_token`, `no_service`, `channel_is_archived`.
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
}
