import { describe, expect, it } from 'vitest';
import { HttpError } from '../../http/http-errors.js';
import { acceptIcon, dataUrlBytes, ICON_MAX_BYTES, sniffRaster, toDataUrl } from './icon-image.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

function refusal(bytes: Buffer): HttpError {
  try {
    acceptIcon(bytes);
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('accepted');
}

describe('sniffRaster', () => {
  it('tells the four raster types by their signatures', () => {
    expect(sniffRaster(PNG)).toBe('image/png');
    expect(sniffRaster(JPEG)).toBe('image/jpeg');
    expect(sniffRaster(GIF)).toBe('image/gif');
    expect(sniffRaster(Buffer.from('GIF87a'))).toBe('image/gif');
    expect(sniffRaster(WEBP)).toBe('image/webp');
  });

  it('does not take a near miss or a short file for an image', () => {
    expect(sniffRaster(PNG.subarray(0, 7))).toBeNull();
    expect(sniffRaster(Buffer.from('RIFF\0\0\0\0WAVE'))).toBeNull();
    expect(sniffRaster(Buffer.from('<html>'))).toBeNull();
    expect(sniffRaster(Buffer.alloc(0))).toBeNull();
  });
});

describe('acceptIcon', () => {
  it('keeps raster bytes as they are, with the detected type', () => {
    expect(acceptIcon(JPEG)).toEqual({ type: 'image/jpeg', bytes: JPEG });
  });

  it('stores an SVG as its sanitised copy', () => {
    const got = acceptIcon(Buffer.from('<svg viewBox="0 0 1 1"><metadata/><rect width="1"/></svg>'));
    expect(got.type).toBe('image/svg+xml');
    expect(got.bytes.toString()).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1"/></svg>',
    );
  });

  it('refuses an HTML page, whatever it was called, with a 400 naming the field', () => {
    const err = refusal(Buffer.from('<!doctype html><html><script>alert(1)</script></html>'));
    expect(err.statusCode).toBe(400);
    expect(err.field).toBe('body.icon');
    expect(err.message).toMatch(/^body\.icon: the SVG was refused: DOCTYPE/);
    expect(refusal(Buffer.from('<html><body></body></html>')).message).toMatch(/root element is <html>/);
  });

  it('refuses an SVG with script', () => {
    expect(refusal(Buffer.from('<svg><script>alert(1)</script></svg>')).message).toMatch(/<script>/);
  });

  it('refuses bytes that are no image at all', () => {
    expect(refusal(Buffer.from('just text')).message).toMatch(/not a PNG, JPEG, WebP, GIF or SVG/);
    expect(refusal(Buffer.from([0xc3, 0x28, 0x3c])).message).toMatch(/not a PNG/);
  });

  it('refuses an image over the limit with a 413 that names the limit', () => {
    const big = Buffer.concat([PNG, Buffer.alloc(ICON_MAX_BYTES)]);
    const err = refusal(big);
    expect(err.statusCode).toBe(413);
    expect(err.message).toMatch(/at most 256 KiB/);
    expect(acceptIcon(Buffer.concat([PNG, Buffer.alloc(ICON_MAX_BYTES - PNG.length)])).type).toBe(
      'image/png',
    );
  });
});

describe('data URLs', () => {
  it('ignores the declared type and round-trips the detected one', () => {
    const bytes = dataUrlBytes(`data:image/svg+xml;base64,${PNG.toString('base64')}`);
    expect(bytes?.equals(PNG)).toBe(true);
    expect(toDataUrl(acceptIcon(bytes!))).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(dataUrlBytes('https://example.com/a.png')).toBeNull();
  });
});
