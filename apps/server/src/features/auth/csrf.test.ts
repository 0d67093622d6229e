import { describe, expect, it } from 'vitest';
import { HttpError } from '../../http/http-errors.js';
import { assertCsrf, isMutating } from './csrf.js';
import { randomToken, secretsEqual, tokenDigest } from './secret-token.js';

describe('CSRF', () => {
  it('treats every method but GET, HEAD and OPTIONS as mutating', () => {
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) expect(isMutating(m)).toBe(true);
    for (const m of ['GET', 'HEAD', 'OPTIONS']) expect(isMutating(m)).toBe(false);
  });

  it('passes the matching token and refuses missing, empty, repeated or wrong ones with 403 csrf', () => {
    const token = randomToken();
    expect(() => assertCsrf(token, token)).not.toThrow();
    for (const sent of [undefined, '', [token, token], `${token}x`, randomToken()]) {
      let thrown: unknown;
      try {
        assertCsrf(sent, token);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(HttpError);
      expect(thrown).toMatchObject({ statusCode: 403, code: 'csrf' });
    }
  });
});

describe('secret tokens', () => {
  it('are 32 random bytes in base64url', () => {
    const t = randomToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(randomToken()).not.toBe(t);
  });

  it('are stored as their SHA-256 and compared whatever their lengths', () => {
    expect(tokenDigest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
  });
});
