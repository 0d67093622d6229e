import { HttpError } from '../../http/http-errors.js';
import { sanitiseSvg, SvgRejectedError } from './svg-sanitiser.js';

/** The largest uploaded icon, after base64 decoding. */
export const ICON_MAX_BYTES = 256 * 1024;

export type IconType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | 'image/svg+xml';

/** An icon as it is stored and served: the type its bytes show, never the type it was declared as. */
export interface IconImage {
  type: IconType;
  bytes: Buffer;
}

const FIELD = 'body.icon';

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  return bytes.length >= at + magic.length && magic.every((b, k) => bytes[at + k] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The raster type the bytes' signature shows, or null. */
export function sniffRaster(bytes: Uint8Array): Exclude<IconType, 'image/svg+xml'> | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/**
 * Checks uploaded icon bytes by what they are: PNG, JPEG, WebP or GIF by their signature, or an SVG
 * that passes the sanitiser (returned as its clean copy). Anything else is refused with a 400 that
 * says why, and anything over `ICON_MAX_BYTES` with a 413.
 */
export function acceptIcon(bytes: Buffer): IconImage {
  if (bytes.length > ICON_MAX_BYTES) {
    throw new HttpError(
      413,
      'too_large',
      `${FIELD}: the image is ${Math.ceil(bytes.length / 1024)} KiB; an icon may be at most ${ICON_MAX_BYTES / 1024} KiB`,
      FIELD,
    );
  }
  const raster = sniffRaster(bytes);
  if (raster) return { type: raster, bytes };
  const text = utf8(bytes);
  if (
    text === null ||
    !text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('<')
  ) {
    throw invalid('not a PNG, JPEG, WebP, GIF or SVG image (the file name and declared type do not count)');
  }
  try {
    return { type: 'image/svg+xml', bytes: Buffer.from(sanitiseSvg(text), 'utf8') };
  } catch (err) {
    if (err instanceof SvgRejectedError) throw invalid(`the SVG was refused: ${err.message}`);
    throw err;
  }
}

/** The bytes of a `data:…;base64,…` URL (its declared type is ignored), or null for anything else. */
export function dataUrlBytes(icon: string): Buffer | null {
  const m = /^data:[^,;]*;base64,([A-Za-z0-9+/=]*)$/.exec(icon);
  return m?.[1] === undefined ? null : Buffer.from(m[1], 'base64');
}

/** The form an accepted icon is stored in: a data URL with its detected type. */
export function toDataUrl(image: IconImage): string {
  return `data:${image.type};base64,${image.bytes.toString('base64')}`;
}

function utf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function invalid(message: string): HttpError {
  return new HttpError(400, 'validation', `${FIELD}: ${message}`, FIELD);
}
