import { describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { EncodedBody, pickEncoding } from './encoded-body.js';

describe('pickEncoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*, br;q=0')).toBe('gzip');
    expect(pickEncoding(undefined)).toBeNull();
  });
});

describe('EncodedBody', () => {
  it('compresses large bodies once per encoding and leaves small ones alone', () => {
    const big = EncodedBody.of({ rows: Array.from({ length: 200 }, (_, i) => ({ name: `c-${i}` })) });
    expect(JSON.parse(brotliDecompressSync(big.body('br')).toString())).toEqual(
      JSON.parse(big.json.toString()),
    );
    expect(gunzipSync(big.body('gzip')).equals(big.json)).toBe(true);
    expect(big.body('br')).toBe(big.body('br'));
    const small = EncodedBody.of({ ok: true });
    expect(small.body('br')).toBe(small.json);
  });
});
