/** What a secret is replaced with in an error message. */
export const REDACTED = '[redacted]';

/** Shorter values are left alone: redacting `1` or `ab` would mangle every message and hide nothing. */
const MIN_SECRET_LENGTH = 4;

/** The forms a secret takes when a service echoes it: as is, URL-encoded, form-encoded, inside JSON. */
function variants(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    json,
    json.replaceAll('/', '\\/'),
  ];
}

/**
 * Replaces every secret (and its encoded forms) in a text, longest first so a secret that
 * contains another is removed whole.
 *
 * @example redactSecrets('bot 123:AAH is unknown', ['123:AAH']) // 'bot [redacted] is unknown'
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const all = [...new Set(secrets.flatMap(variants))]
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of all) out = out.replaceAll(s, REDACTED);
  return out;
}

/**
 * The secret parts of a URL that is itself a credential (a Discord or Slack webhook, a generic
 * webhook): the whole URL, its path and query, and each long path segment or query value, since a
 * service may echo any of them.
 */
export function urlSecrets(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [url];
  }
  const out = [url, u.href, `${u.pathname}${u.search}`];
  if (u.pathname.length > 1) out.push(u.pathname);
  if (u.search.length > 1) out.push(u.search.slice(1));
  if (u.username) out.push(u.username);
  if (u.password) out.push(u.password);
  for (const seg of u.pathname.split('/')) {
    const s = safeDecode(seg);
    if (s.length >= 12) out.push(s, seg);
  }
  for (const [, value] of u.searchParams) if (value.length >= 8) out.push(value);
  return out.filter((s) => s.length > 1 && s !== '/');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
