import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from './secret-box.js';

const box = new SecretBox(randomBytes(32));

function flipFirstByte(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return bytes.toString('base64');
}

describe('SecretBox', () => {
  it('round-trips text, including non-ASCII and empty strings', () => {
    for (const text of ['hunter2', '', 'pässwörd 🔑', 'x'.repeat(10_000)]) {
      expect(box.decrypt(box.encrypt(text))).toBe(text);
    }
  });

  it('produces a versioned compact string with a fresh IV each time', () => {
    const a = box.encrypt('same');
    const b = box.encrypt('same');
    expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split(':')[1] ?? '', 'base64')).toHaveLength(12);
    expect(a).not.toContain('same');
  });

  it('refuses a tampered ciphertext, tag or IV', () => {
    const [v, iv = '', tag = '', data = ''] = box.encrypt('secret value').split(':');
    for (const forged of [
      [v, iv, tag, flipFirstByte(data)],
      [v, iv, flipFirstByte(tag), data],
      [v, flipFirstByte(iv), tag, data],
    ]) {
      expect(() => box.decrypt(forged.join(':'))).toThrow(SecretBoxError);
    }
  });

  it('refuses a value sealed with another key, naming the likely cause', () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => other.decrypt(box.encrypt('x'))).toThrow(/not the key it was sealed with/);
  });

  it('refuses strings that are not sealed values', () => {
    expect(() => box.decrypt('plain text')).toThrow(SecretBoxError);
    expect(() => box.decrypt('v2:a:b:c')).toThrow(/expected v1/);
    expect(() => box.decrypt('v1:AAAA:AAAA:AAAA')).toThrow(/malformed/);
  });

  it('refuses a key of the wrong size', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
