import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { COMPRESS_MIN_BYTES, pickEncoding, type ContentEncoding } from './encoded-body.js';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const COMPRESSIBLE_TYPE = /json|^text\/|javascript|svg|xml/;

function compress(body: Buffer, encoding: ContentEncoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      })
    : gz(body, { level: 6 });
}

function varyOnEncoding(reply: FastifyReply): void {
  const vary = String(reply.getHeader('vary') ?? '');
  if (!/accept-encoding/i.test(vary))
    void reply.header('vary', vary ? `${vary}, accept-encoding` : 'accept-encoding');
}

/**
 * Compresses every buffered reply over 1 KB (JSON, text) with brotli or gzip, as the client accepts.
 * Streams (logs, static files, which are precompressed at build) and replies that chose their own
 * encoding pass through untouched.
 */
export function installCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.hasHeader('content-encoding')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (body.length < COMPRESS_MIN_BYTES) return payload;
    if (!COMPRESSIBLE_TYPE.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    varyOnEncoding(reply);
    const encoding = pickEncoding(req.headers['accept-encoding']);
    if (!encoding) return payload;
    const compressed = await compress(body, encoding);
    void reply.header('content-encoding', encoding).removeHeader('content-length');
    return compressed;
  });
}
