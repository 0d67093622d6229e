import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, urlSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it('removes a secret as is and in its encoded forms', () => {
    const token = '123456:AAH/x+y z"q';
    const echoed = [
      `raw ${token}`,
      `url ${encodeURIComponent(token)}`,
      `form ${new URLSearchParams({ t: token }).toString().slice(2)}`,
      `json ${JSON.stringify(token)}`,
    ].join(' | ');
    const out = redactSecrets(echoed, [token]);
    expect(out).toBe(`raw ${REDACTED} | url ${REDACTED} | form ${REDACTED} | json "${REDACTED}"`);
  });

  it('removes the longer of two overlapping secrets whole', () => {
    expect(redactSecrets('key abcdefgh-ijkl', ['abcdefgh', 'abcdefgh-ijkl'])).toBe(`key ${REDACTED}`);
  });

  it('leaves very short values alone', () => {
    expect(redactSecrets('a b c', ['a', ''])).toBe('a b c');
  });
});

describe('urlSecrets', () => {
  it('covers the whole URL, its path and its long segments', () => {
    const url = 'https://discord.com/api/webhooks/123456789012345678/AbCdEfGhIjKlMnOp';
    const secrets = urlSecrets(url);
    expect(secrets).toContain(url);
    expect(secrets).toContain('/api/webhooks/123456789012345678/AbCdEfGhIjKlMnOp');
    expect(secrets).toContain('AbCdEfGhIjKlMnOp');
    expect(secrets).toContain('123456789012345678');
    expect(secrets).not.toContain('webhooks');
    expect(redactSecrets('Unknown webhook AbCdEfGhIjKlMnOp', secrets)).toBe(`Unknown webhook ${REDACTED}`);
  });

  it('covers query values and credentials in the URL', () => {
    const secrets = urlSecrets('https://user:pa55word@hooks.example/h?key=s3cretvalue');
    expect(secrets).toEqual(expect.arrayContaining(['s3cretvalue', 'pa55word', 'user']));
  });
});
