import { ChannelError, networkChannelError } from './channel-error.js';

/** What nodemailer puts on its errors: its own code, and the server's reply when there was one. */
interface SmtpFailure {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  message?: unknown;
}

/** Codes nodemailer gives to a connection that failed or broke, before or between replies. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'EPROXY']);

/**
 * An SMTP failure as a ChannelError: the server's reply code and words when it answered (5xx is
 * permanent, except 503, a wrong state that a new connection clears; 4xx is temporary), a
 * network problem otherwise (retryable), or a setting nodemailer refused (not retryable).
 */
export function smtpChannelError(err: unknown, target: string): ChannelError {
  const e = (err ?? {}) as SmtpFailure;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) {
    const status = e.responseCode;
    const words = typeof e.response === 'string' ? e.response.replace(/^\d{3}[ -]?/, '').trim() : message;
    return new ChannelError(`the SMTP server answered ${status}: ${words || message}`, {
      retryable: !(status >= 500 && status !== 503),
      status,
      cause: err,
    });
  }
  if (CONNECTION_CODES.has(code)) {
    // nodemailer's own words for a timeout ("Greeting never received") say more than a socket code.
    if (code === 'ETIMEDOUT') {
      return new ChannelError(`no answer from ${target}: ${message}`, { retryable: true, cause: err });
    }
    return networkChannelError(err, target);
  }
  if (code === 'ETLS') {
    return new ChannelError(`TLS with ${target} failed: ${message}`, { retryable: false, cause: err });
  }
  return new ChannelError(`sending the e-mail failed: ${message}`, { retryable: false, cause: err });
}
