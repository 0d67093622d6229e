import { describe, expect, it } from 'vitest';
import {
  ChannelError,
  bodyExcerpt,
  cancelledChannelError,
  formatDuration,
  isRetryableStatus,
  networkChannelError,
  parseRetryAfter,
  timeoutChannelError,
} from './channel-error.js';

/** A socket error as Node makes it: a message and a code. */
function sysError(code: string, message = `connect ${code} 127.0.0.1:9`): Error {
  return Object.assign(new Error(message), { code });
}

describe('ChannelError', () => {
  it('carries whether to retry, when, and the status', () => {
    const e = new ChannelError('Telegram answered 429: Too Many Requests', {
      retryable: true,
      retryAfterMs: 7000,
      status: 429,
    });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ChannelError');
    expect([e.retryable, e.retryAfterMs, e.status]).toEqual([true, 7000, 429]);
    expect(new ChannelError('x', { retryable: false }).retryAfterMs).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it('retries rate limits, timeouts and server faults, not other refusals', () => {
    expect([429, 408, 500, 502, 503, 504].map(isRetryableStatus)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 401, 403, 404, 410, 413].map(isRetryableStatus)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(' 1.5 ')).toBe(1500);
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-3')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('says milliseconds below a second, seconds above', () => {
    expect([300, 1000, 1500, 10_000].map(formatDuration)).toEqual(['300 ms', '1 s', '1.5 s', '10 s']);
  });
});

describe('bodyExcerpt', () => {
  it('folds whitespace and cuts to about 300 characters', () => {
    expect(bodyExcerpt('  bad\n\n  token \t')).toBe('bad token');
    const long = bodyExcerpt('x'.repeat(1000));
    expect(long).toHaveLength(300);
    expect(long.endsWith('…')).toBe(true);
  });

  it('reads an HTML error page as its text', () => {
    const page =
      '<html><head><style>b{}</style><title>502</title></head><body><h1>Bad Gateway</h1>&nbsp;nginx</body></html>';
    expect(bodyExcerpt(page)).toBe('502 Bad Gateway nginx');
  });
});

describe('networkChannelError', () => {
  it('names where it tried to go and why, from the innermost cause', () => {
    const fetchFailed = new TypeError('fetch failed', { cause: sysError('ECONNREFUSED') });
    const e = networkChannelError(fetchFailed, '127.0.0.1:9');
    expect(e.message).toBe('cannot reach 127.0.0.1:9: connection refused');
    expect(e.retryable).toBe(true);
    expect(e.cause).toBe(fetchFailed);
  });

  it('looks inside an AggregateError (several addresses tried)', () => {
    const agg = new AggregateError([sysError('ENETUNREACH'), sysError('ECONNREFUSED')], 'all failed');
    const e = networkChannelError(new TypeError('fetch failed', { cause: agg }), 'example.test:443');
    expect(e.message).toBe('cannot reach example.test:443: the network is unreachable');
  });

  it('keeps an unknown code in its own words', () => {
    const e = networkChannelError(
      new TypeError('fetch failed', { cause: sysError('EWEIRD', 'weird thing') }),
      'h:1',
    );
    expect(e.message).toBe('cannot reach h:1: weird thing');
  });

  it('does not retry a certificate the service does not have', () => {
    const cause = sysError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate');
    const e = networkChannelError(new TypeError('fetch failed', { cause }), 'h:443');
    expect(e.message).toBe('cannot reach h:443: TLS failed: self-signed certificate');
    expect(e.retryable).toBe(false);
  });
});

describe('timeouts and cancellation', () => {
  it('are worth another try', () => {
    const t = timeoutChannelError('127.0.0.1:8080', 10_000);
    expect(t.message).toBe('no answer from 127.0.0.1:8080 within 10 s');
    expect(t.retryable).toBe(true);
    expect(cancelledChannelError().retryable).toBe(true);
  });
});
