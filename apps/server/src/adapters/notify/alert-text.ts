import type { Alert } from '@harbourmaster/contracts';

// One alert, said the same way on every channel: a title (status icon, what, where) and a body
// (message, facts, the last log lines, the link). Each markup has its renderer here, and each
// renderer escapes everything that came from outside (names, messages, log lines).

const MAX_TITLE = 200;
const MAX_MESSAGE = 3000;
const MAX_FIELD = 300;
const MAX_LOG_LINES = 10;
const MAX_LOG_LINE = 200;

/** One labelled fact of an alert: `Host: local`. */
export interface AlertField {
  label: string;
  value: string;
}

/** An alert reduced to what channels show, every free text cut to its limit and cleaned. */
export interface AlertFacts {
  /** 🔴 critical, 🟠 warning, 🔵 info while firing; ✅ once resolved. */
  icon: string;
  /** What and where, without the icon: `web crashed on local`. */
  headline: string;
  /** `🔴 web crashed on local`. */
  title: string;
  message: string;
  fields: AlertField[];
  /** The last log lines, oldest first: at most 10, each at most 200 characters. */
  logTail: string[];
  url: string | null;
}

/** The icon for an alert's state: the severity while firing, a check mark once resolved. */
export function alertIcon(alert: Pick<Alert, 'status' | 'severity'>): string {
  if (alert.status === 'resolved') return '✅';
  switch (alert.severity) {
    case 'critical':
      return '🔴';
    case 'warning':
      return '🟠';
    case 'info':
      return '🔵';
  }
}

/** ISO 8601 in UTC, to the second: `2026-12-01T08:15:18Z`. */
export function alertTime(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The facts of an alert as every renderer uses them.
 *
 * The title is the producer's (`web crashed`, `web is running again`) with the host added
 * (`… on local`) unless the title already names it.
 */
export function alertFacts(alert: Alert): AlertFacts {
  const icon = alertIcon(alert);
  const title = clean(alert.title).replace(/\s+/g, ' ').trim();
  const where = alert.hostId && !title.includes(` on ${alert.hostId}`) ? ` on ${alert.hostId}` : '';
  const headline = cut(`${title}${where}`, MAX_TITLE);
  const fields: AlertField[] = [];
  const add = (label: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') {
      fields.push({ label, value: cut(clean(String(value)).replace(/\s+/g, ' '), MAX_FIELD) });
    }
  };
  add('Host', alert.hostId);
  add('Container', alert.container?.name);
  add('Stack', alert.stack);
  add('Reason', alert.detail.reason);
  add('Exit code', alert.detail.exitCode);
  add('Severity', alert.severity);
  add('Time', alertTime(alert.at));
  return {
    icon,
    headline,
    title: `${icon} ${headline}`,
    message: cut(clean(alert.message).trim(), MAX_MESSAGE),
    fields,
    logTail: (alert.detail.logTail ?? [])
      .slice(-MAX_LOG_LINES)
      .map((l) => cut(clean(l).trimEnd(), MAX_LOG_LINE)),
    url: alert.url,
  };
}

// ---- Plain text (ntfy, Pushover, e-mail, Slack's fallback) ----

/** The body as plain text: message, facts, log lines, link. */
export function plainBody(f: AlertFacts): string {
  const parts: string[] = [];
  if (f.message) parts.push(f.message);
  parts.push(f.fields.map((x) => `${x.label}: ${x.value}`).join('\n'));
  if (f.logTail.length) parts.push(`Last log lines:\n${f.logTail.join('\n')}`);
  if (f.url) parts.push(`Open in Harbourmaster: ${f.url}`);
  return parts.join('\n\n');
}

// ---- Telegram HTML ----

/** Escapes text for HTML (Telegram's parse_mode HTML, e-mail): `& < > "`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
}

/** The whole message in Telegram's HTML subset: bold title and labels, logs in `<pre>`, a link. */
export function telegramHtml(f: AlertFacts): string {
  const parts = [`<b>${escapeHtml(f.title)}</b>`];
  if (f.message) parts.push(escapeHtml(f.message));
  parts.push(f.fields.map((x) => `<b>${escapeHtml(x.label)}:</b> ${escapeHtml(x.value)}`).join('\n'));
  if (f.logTail.length) parts.push(`<b>Last log lines:</b>\n<pre>${escapeHtml(f.logTail.join('\n'))}</pre>`);
  if (f.url) parts.push(`<a href="${escapeHtml(f.url)}">Open in Harbourmaster</a>`);
  return parts.join('\n\n');
}

// ---- E-mail HTML ----

/** A simple HTML part for e-mail, every outside text escaped. */
export function emailHtml(f: AlertFacts): string {
  const rows = f.fields
    .map((x) => `<tr><th align="left">${escapeHtml(x.label)}</th><td>${escapeHtml(x.value)}</td></tr>`)
    .join('');
  return [
    `<h2>${escapeHtml(f.title)}</h2>`,
    f.message ? `<p>${escapeHtml(f.message).replace(/\n/g, '<br>')}</p>` : '',
    `<table cellpadding="4">${rows}</table>`,
    f.logTail.length ? `<p><b>Last log lines:</b></p><pre>${escapeHtml(f.logTail.join('\n'))}</pre>` : '',
    f.url ? `<p><a href="${escapeHtml(f.url)}">Open in Harbourmaster</a></p>` : '',
  ].join('');
}

// ---- Slack ----

/** Escapes text for Slack (mrkdwn or not, Slack reads `&`, `<` and `>` as control characters). */
export function escapeSlack(text: string): string {
  return text.replace(/[&<>]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt' }[c]};`);
}

/** A Slack link `<url|label>`: the URL escaped, and `|` encoded so it cannot end the URL early. */
export function slackLink(url: string, label: string): string {
  return `<${escapeSlack(url).replaceAll('|', '%7C')}|${escapeSlack(label)}>`;
}

// ---- Markdown (Discord, Gotify) ----

/**
 * Escapes text for Markdown with a backslash before each character that could start formatting,
 * a link, a heading, a list or (on Discord) a mention. Both CommonMark and Discord read `\x` as
 * a literal `x` for any ASCII punctuation.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_~|<>[\](){}#+\-=.!@&:]/g, '\\$&');
}

/**
 * Log lines as a fenced code block that nothing inside can close: each backtick is followed by a
 * zero-width space, so no run of three ever forms (Discord accepts no longer fence).
 */
export function markdownCodeBlock(lines: readonly string[]): string {
  return `\`\`\`\n${lines.map((l) => l.replaceAll('`', '`\u200b')).join('\n')}\n\`\`\``;
}

/** The body in Markdown: message, facts as a list, log lines in a code block, the link. */
export function markdownBody(f: AlertFacts, opts: { fields: boolean } = { fields: true }): string {
  const parts: string[] = [];
  // Markdown joins single lines into one paragraph; a trailing double space keeps the break.
  if (f.message) parts.push(escapeMarkdown(f.message).replace(/\n/g, '  \n'));
  if (opts.fields) parts.push(f.fields.map((x) => `- **${x.label}:** ${escapeMarkdown(x.value)}`).join('\n'));
  if (f.logTail.length) parts.push(`**Last log lines:**\n${markdownCodeBlock(f.logTail)}`);
  if (f.url) parts.push(`[Open in Harbourmaster](${f.url.replace(/[()\s]/g, encodeURIComponent)})`);
  return parts.join('\n\n');
}

// ---- Limits ----

/**
 * Renders within a length limit: drops the oldest log lines first, then shortens the message,
 * then cuts the result as a last resort (only titles and facts are left by then, each short).
 */
export function renderWithin(
  facts: AlertFacts,
  render: (f: AlertFacts) => string,
  limit: number,
  measure: (s: string) => number = (s) => s.length,
): string {
  let f = facts;
  let out = render(f);
  while (measure(out) > limit && f.logTail.length > 0) {
    f = { ...f, logTail: f.logTail.slice(1) };
    out = render(f);
  }
  if (measure(out) > limit && f.message.length > 0) {
    // The longest start of the message that fits (a binary search: escaping and bytes make the
    // rendered length grow unevenly with it).
    const message = f.message;
    const withMessage = (keep: number) => render({ ...f, message: keep === 0 ? '' : cut(message, keep) });
    let lo = 0;
    let hi = message.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (measure(withMessage(mid)) <= limit) lo = mid;
      else hi = mid - 1;
    }
    out = withMessage(lo);
  }
  return measure(out) > limit ? cut(out, limit) : out;
}

/** Cuts a text to `max` characters with an ellipsis, never through a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Drops terminal colour codes and control characters (log lines often carry both). */
function clean(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
  );
}
