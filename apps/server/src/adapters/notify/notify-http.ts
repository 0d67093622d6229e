import {
  ChannelError,
  bodyExcerpt,
  cancelledChannelError,
  isRetryableStatus,
  networkChannelError,
  parseRetryAfter,
  timeoutChannelError,
} from './channel-error.js';
import { redactSecrets } from './redact-secrets.js';

/** What a channel reads back; more is cut off (an error page needs no more to be understood). */
const MAX_ANSWER_BYTES = 64 * 1024;

/** How long a send may take, and the caller's way to cancel it (the daemon stopping). */
export interface SendOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** A service's base URL (which may carry a path, or end in `/`) with a path appended. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

export type NotifyBody =
  { json: unknown } | { form: Record<string, string> } | { text: string; contentType?: string };

export interface NotifyRequest {
  /** The service as people name it, for messages: `Telegram`, `ntfy`, `Webhook`. */
  service: string;
  url: string;
  body: NotifyBody;
  headers?: Record<string, string>;
  /** Every secret of the channel's config: none of them may appear in an error message. */
  secrets: readonly string[];
  /**
   * The service's own words for a refusal, read from its answer (e.g. Telegram's `description`);
   * undefined to fall back to an excerpt of the body.
   */
  describe?: (answer: NotifyAnswer) => string | undefined;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export interface NotifyAnswer {
  status: number;
  headers: Headers;
  /** At most 64 KiB of the body, as text. */
  body: string;
}

/**
 * POSTs one notification: a deadline (also covering the answer's body), no redirects, at most
 * 64 KiB read back, and every failure turned into a ChannelError without the channel's secrets.
 *
 * @example
 * await postNotification({
 *   service: 'Gotify', url: `${base}/message`, body: { json: { title, message } },
 *   headers: { 'X-Gotify-Key': token }, secrets: [token], timeoutMs: 10_000,
 * });
 */
export async function postNotification(req: NotifyRequest): Promise<NotifyAnswer> {
  try {
    return await post(req);
  } catch (err) {
    const e =
      err instanceof ChannelError ? err : new ChannelError(String(err), { retryable: true, cause: err });
    const message = redactSecrets(e.message, req.secrets);
    if (message === e.message) throw e;
    // The cause may hold the secret too (a URL in a socket error): keep it out of logs.
    throw new ChannelError(message, {
      retryable: e.retryable,
      retryAfterMs: e.retryAfterMs,
      status: e.status,
    });
  }
}

async function post(req: NotifyRequest): Promise<NotifyAnswer> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    throw new ChannelError(`${req.service}: the URL is not valid`, { retryable: false });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ChannelError(`${req.service}: the URL must start with http:// or https://`, {
      retryable: false,
    });
  }
  const target = url.port ? url.host : `${url.hostname}:${url.protocol === 'https:' ? 443 : 80}`;
  const deadline = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([deadline, req.signal]) : deadline;
  const failed = (err: unknown): ChannelError => {
    if (deadline.aborted) return timeoutChannelError(target, req.timeoutMs, err);
    if (req.signal?.aborted) return cancelledChannelError(err);
    if (isRedirectError(err)) {
      return new ChannelError(
        `${req.service} answered with a redirect, which is not followed: check the URL (http or https, the path)`,
        { retryable: false, cause: err },
      );
    }
    return networkChannelError(err, target);
  };

  let headers: Headers;
  try {
    headers = new Headers(contentTypeOf(req.body));
    for (const [name, value] of Object.entries(req.headers ?? {})) headers.set(name, value);
  } catch {
    // Not the runtime's message: it quotes the value, which may be a token.
    throw new ChannelError(`${req.service}: a request header has a character HTTP does not allow`, {
      retryable: false,
    });
  }

  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: encode(req.body), redirect: 'error', signal });
  } catch (err) {
    throw failed(err);
  }

  let body: string;
  try {
    body = await readLimited(res, MAX_ANSWER_BYTES);
  } catch (err) {
    // An accepted message stays accepted even when its answer's body is cut short.
    if (res.ok) return { status: res.status, headers: res.headers, body: '' };
    throw failed(err);
  }
  const answer: NotifyAnswer = { status: res.status, headers: res.headers, body };
  if (res.ok) return answer;
  throw refusal(req, answer, res.statusText);
}

function refusal(req: NotifyRequest, answer: NotifyAnswer, statusText: string): ChannelError {
  const { status } = answer;
  // Redacted before the cut, so a cut never leaves half a secret behind.
  const own = req.describe?.(answer)?.trim() || answer.body;
  const words = bodyExcerpt(redactSecrets(own, req.secrets)) || statusText;
  const retryAfterMs =
    status === 429 || status === 503
      ? (parseRetryAfter(answer.headers.get('retry-after')) ?? retryAfterFromBody(answer.body))
      : undefined;
  return new ChannelError(`${req.service} answered ${status}${words ? `: ${words}` : ''}`, {
    retryable: isRetryableStatus(status),
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** Telegram (`parameters.retry_after`) and Discord (`retry_after`) say it in the body, in seconds. */
function retryAfterFromBody(body: string): number | undefined {
  const json = parseJsonObject(body);
  const params = json?.parameters as Record<string, unknown> | undefined;
  const seconds = json?.retry_after ?? params?.retry_after;
  return typeof seconds === 'number' && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
}

/** The body as a JSON object, or undefined when it is not one. */
export function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function contentTypeOf(body: NotifyBody): Record<string, string> {
  if ('json' in body) return { 'content-type': 'application/json' };
  if ('form' in body) return { 'content-type': 'application/x-www-form-urlencoded' };
  return { 'content-type': body.contentType ?? 'text/plain; charset=utf-8' };
}

function encode(body: NotifyBody): string {
  if ('json' in body) return JSON.stringify(body.json);
  if ('form' in body) return new URLSearchParams(body.form).toString();
  return body.text;
}

function isRedirectError(err: unknown): boolean {
  const cause = err instanceof Error ? err.cause : undefined;
  return cause instanceof Error && /redirect/i.test(cause.message);
}

async function readLimited(res: Response, limit: number): Promise<string> {
  if (!res.body) return '';
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const part = value.subarray(0, limit - total);
    chunks.push(part);
    total += part.length;
    if (total >= limit) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}
