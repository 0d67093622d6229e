import type { Alert } from '@harbourmaster/contracts';
import { alertTime } from './alert-text.js';

// A webhook's body template: JSON written by the user with `{{alert.title}}`-style placeholders.
// Every placeholder but one stands for string content and is JSON-escaped, so the author writes
// `"text": "{{alert.title}}"`; `{{alert.json}}` is the whole alert as a JSON object: `"alert": {{alert.json}}`.

/** Each placeholder and its value; absent values (no host, no exit code) are the empty string. */
const PLACEHOLDERS: Record<string, (a: Alert) => string> = {
  'alert.title': (a) => a.title,
  'alert.message': (a) => a.message,
  'alert.status': (a) => a.status,
  'alert.severity': (a) => a.severity,
  'alert.hostId': (a) => a.hostId ?? '',
  'alert.container.name': (a) => a.container?.name ?? '',
  'alert.stack': (a) => a.stack ?? '',
  'alert.kind': (a) => a.kind,
  'alert.detail.exitCode': (a) => (a.detail.exitCode === undefined ? '' : String(a.detail.exitCode)),
  'alert.url': (a) => a.url ?? '',
  /** ISO 8601, UTC. */
  'alert.at': (a) => alertTime(a.at),
};
const RAW_JSON = 'alert.json';

/** The placeholder names a template may use. */
export const WEBHOOK_PLACEHOLDERS: readonly string[] = [...Object.keys(PLACEHOLDERS), RAW_JSON];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Fills a template in; unknown placeholders are left as they are (checkWebhookTemplate refuses them). */
export function renderWebhookTemplate(template: string, alert: Alert): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (name === RAW_JSON) return JSON.stringify(alert);
    const value = PLACEHOLDERS[name];
    return value ? JSON.stringify(value(alert)).slice(1, -1) : whole;
  });
}

/** A template with nothing but whitespace means "the alert as JSON", like no template at all. */
export function isBlankTemplate(template: string | undefined): boolean {
  return template === undefined || template.trim() === '';
}

/**
 * Why a template cannot be used, or null when it can: an unknown placeholder, or a body that is
 * not JSON once filled in, for an alert with every detail or for one with none (so a placeholder
 * outside quotes, which only works while the value is there, is caught when the channel is saved).
 *
 * @example checkWebhookTemplate('{"text": "{{alert.titel}}"}') // 'unknown placeholder {{alert.titel}}; …'
 */
export function checkWebhookTemplate(template: string): string | null {
  if (isBlankTemplate(template)) return null;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    if (name !== RAW_JSON && !(name in PLACEHOLDERS)) {
      return `unknown placeholder {{${name}}}; use one of ${WEBHOOK_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`;
    }
  }
  for (const [sample, when] of [
    [FULL_SAMPLE, 'filled in'],
    [BARE_SAMPLE, 'filled in for an alert without host, container, stack, exit code or link'],
  ] as const) {
    try {
      JSON.parse(renderWebhookTemplate(template, sample));
    } catch (err) {
      return `the template is not valid JSON once ${when} (${(err as Error).message}); put placeholders other than {{alert.json}} inside quotes`;
    }
  }
  return null;
}

// Texts with quotes, backslashes, newlines and markup, so escaping mistakes break the JSON here.
const FULL_SAMPLE: Alert = {
  id: 'sample',
  key: 'container.crash:local:abc',
  source: 'container',
  kind: 'container.died',
  severity: 'critical',
  status: 'firing',
  title: 'web "1" crashed \\ <b>',
  message: 'line one\nline "two"\t\\',
  hostId: 'local',
  container: { id: 'abc', name: 'web"1' },
  stack: 'shop',
  labels: { a: 'b' },
  detail: { exitCode: 137, reason: 'killed "OOM"', logTail: ['a "b" \\ c'] },
  at: 0,
  url: 'https://panel.example/containers/local/abc?x="1"',
};
const BARE_SAMPLE: Alert = {
  ...FULL_SAMPLE,
  hostId: null,
  container: null,
  stack: null,
  detail: {},
  url: null,
};
