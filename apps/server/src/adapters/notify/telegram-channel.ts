import type { Alert, ChannelConfig } from '@harbourmaster/contracts';
import { alertFacts, renderWithin, telegramHtml } from './alert-text.js';
import { joinUrl, parseJsonObject, postNotification, type SendOptions } from './notify-http.js';

type TelegramConfig = Extract<ChannelConfig, { type: 'telegram' }>['config'];

/** Telegram's limit for one message's text. */
const MAX_TEXT = 4096;

/**
 * Sends an alert through a Telegram bot (`sendMessage`, HTML formatting, no link previews).
 *
 * @example await sendTelegram({ botToken, chatId: '-100123', baseUrl: 'https://api.telegram.org' }, alert, { timeoutMs: 10_000 });
 */
export async function sendTelegram(config: TelegramConfig, alert: Alert, opts: SendOptions): Promise<void> {
  // The token goes into the path as Telegram expects it (`123:ABC`); anything else is encoded.
  const token = encodeURIComponent(config.botToken).replace(/%3A/gi, ':');
  await postNotification({
    service: 'Telegram',
    url: joinUrl(config.baseUrl, `/bot${token}/sendMessage`),
    body: {
      json: {
        chat_id: config.chatId,
        text: renderWithin(alertFacts(alert), telegramHtml, MAX_TEXT),
        parse_mode: 'HTML',
        disable_web_page_preview: true,
      },
    },
    secrets: [config.botToken],
    // Telegram answers `{ ok: false, error_code, description }`.
    describe: ({ body }) => {
      const d = parseJsonObject(body)?.description;
      return typeof d === 'string' ? d : undefined;
    },
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
}
