import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type ContentEncoding = 'br' | 'gzip';

/** Replies smaller than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * The encoding to answer with for an `Accept-Encoding` header: brotli, then gzip, honouring `q=0`.
 *
 * @example
 * pickEncoding('gzip, deflate, br') // 'br'
 * pickEncoding('br;q=0, gzip')      // 'gzip'
 */
export function pickEncoding(accept: string | undefined): ContentEncoding | null {
  if (!accept) return null;
  const weights = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const star = weights.get('*') ?? 0;
  const weight = (name: string) => weights.get(name) ?? star;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

/** Compresses for a reply made on the fly: fast settings, since it is paid on every request. */
export function compressSync(body: Buffer, encoding: ContentEncoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipSync(body, { level: 6 });
}

/**
 * A JSON reply serialised once and compressed at most once per encoding, for replies that many
 * clients ask for between two changes (the container list).
 */
export class EncodedBody {
  readonly #variants = new Map<ContentEncoding, Buffer>();

  constructor(readonly json: Buffer) {}

  static of(value: unknown): EncodedBody {
    return new EncodedBody(Buffer.from(JSON.stringify(value)));
  }

  /** The body for an encoding (compressed on first use), or the plain JSON for null. */
  body(encoding: ContentEncoding | null): Buffer {
    if (encoding === null || this.json.length < COMPRESS_MIN_BYTES) return this.json;
    let variant = this.#variants.get(encoding);
    if (!variant) {
      variant = compressSync(this.json, encoding);
      this.#variants.set(encoding, variant);
    }
    return variant;
  }

  /** Sends the body in the best encoding the client accepts. */
  send(req: FastifyRequest, reply: FastifyReply): FastifyReply {
    const encoding =
      this.json.length < COMPRESS_MIN_BYTES ? null : pickEncoding(req.headers['accept-encoding']);
    void reply.header('vary', 'accept-encoding').type('application/json; charset=utf-8');
    if (encoding) void reply.header('content-encoding', encoding);
    return reply.send(this.body(encoding));
  }
}
