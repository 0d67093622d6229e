/**
 * Why a channel could not deliver an alert, in the channel's own words, and whether trying again
 * later can help: network trouble, timeouts, 5xx and 429 can; a refused token or a bad URL cannot.
 */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  readonly retryable: boolean;
  /** How long the channel asked us to wait (a 429's Retry-After). */
  readonly retryAfterMs?: number;
  /** The HTTP status or SMTP reply code, when the channel answered. */
  readonly status?: number;

  constructor(
    message: string,
    opts: { retryable: boolean; retryAfterMs?: number; status?: number; cause?: unknown },
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.retryable = opts.retryable;
    this.retryAfterMs = opts.retryAfterMs;
    this.status = opts.status;
  }
}

/** Whether an HTTP status is worth another try: rate limits and server faults are, other refusals not. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/**
 * A `Retry-After` value (seconds or an HTTP date) in milliseconds from `now`; undefined when absent
 * or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  // An HTTP date names its day and month; Date.parse would also take `-3` as a year.
  const at = /[a-z]/i.test(v) ? Date.parse(v) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** `300 ms`, `10 s`, `1.5 s`: a deadline as people say it. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

const MAX_EXCERPT = 300;

/**
 * A readable excerpt of an answer's body: tags of an HTML error page dropped, whitespace folded,
 * at most ~300 characters. Redact secrets before, so a cut never leaves half a secret behind.
 */
export function bodyExcerpt(body: string): string {
  let text = body;
  if (/^\s*</.test(text)) {
    text = text
      .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ');
  }
  text = text.replace(/\s+/g, ' ').trim();
  if (text.length <= MAX_EXCERPT) return text;
  let end = MAX_EXCERPT - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** The words for a socket error code, e.g. ECONNREFUSED → `connection refused`. */
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the name lookup failed (temporarily)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed while sending',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_OVERFLOW: 'the answer had too many headers',
};

const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|certificate/i;

/** The innermost error with a `code`: fetch wraps socket errors, sometimes in an AggregateError. */
function rootCause(err: unknown): { code?: string; message: string } | undefined {
  let cur: unknown = err;
  for (let depth = 0; depth < 5 && cur instanceof Error; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ABORT_ERR') return { code, message: cur.message };
    const inner: unknown = cur instanceof AggregateError && cur.errors.length ? cur.errors[0] : cur.cause;
    if (inner === undefined) return { message: cur.message };
    cur = inner;
  }
  return undefined;
}

/**
 * A failure before any answer (refused, reset, unknown host, TLS) as a ChannelError naming where we
 * tried to go. Certificate problems are not retryable: they need someone to fix the certificate
 * or the URL, not another attempt in a minute.
 */
export function networkChannelError(err: unknown, target: string): ChannelError {
  const root = rootCause(err);
  const code = root?.code ?? '';
  if (CERTIFICATE_ERROR.test(code) || CERTIFICATE_ERROR.test(root?.message ?? '')) {
    return new ChannelError(`cannot reach ${target}: TLS failed: ${root?.message ?? code}`, {
      retryable: false,
      cause: err,
    });
  }
  // nodemailer replaces a socket error's code with its own (ESOCKET) but keeps Node's message.
  const said = root?.message ?? (err instanceof Error ? err.message : String(err));
  const named = NETWORK_REASONS[code] ?? NETWORK_REASONS[/\b(E[A-Z_]+)\b/.exec(said)?.[1] ?? ''];
  const reason = named ?? said;
  return new ChannelError(`cannot reach ${target}: ${reason}`, { retryable: true, cause: err });
}

/** No answer before the deadline: worth another try, the service may be slow only now. */
export function timeoutChannelError(target: string, timeoutMs: number, cause?: unknown): ChannelError {
  return new ChannelError(`no answer from ${target} within ${formatDuration(timeoutMs)}`, {
    retryable: true,
    cause,
  });
}

/** The caller gave up (the daemon stopping): not the channel's fault, so another try may work. */
export function cancelledChannelError(cause?: unknown): ChannelError {
  return new ChannelError('sending was cancelled', { retryable: true, cause });
}
