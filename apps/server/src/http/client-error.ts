import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorReply } from '@harbourmaster/contracts';

const REPLIES: Record<string, [status: number, reply: ErrorReply]> = {
  HPE_HEADER_OVERFLOW: [431, { error: 'headers_too_large', message: 'the request headers are too large' }],
  ERR_HTTP_REQUEST_TIMEOUT: [408, { error: 'timeout', message: 'the request did not arrive in time' }],
};
const MALFORMED: [number, ErrorReply] = [400, { error: 'bad_request', message: 'malformed HTTP request' }];

/**
 * Answers a request the HTTP parser refused (Fastify's `clientErrorHandler`). The connection cannot
 * be read on from there, so the reply says `Connection: close`: a keep-alive client then opens a
 * new connection for its next request instead of losing it on this one.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reply] = REPLIES[err.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify(reply);
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n` +
        'Connection: close\r\n' +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  // A client that never reads must not keep the socket; the reply above is small and already queued.
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/**
 * Answers what Fastify's router refuses before any route runs (Fastify's `frameworkErrors`): a path
 * that is not valid percent-encoded UTF-8, or a parameter over the router's length limit. Our error
 * shape, and no echo of the URL.
 */
export function answerFrameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_BAD_URL') {
    void reply.status(400).send({
      error: 'bad_request',
      message: 'the URL path is not valid: a segment is not well-formed percent-encoded UTF-8',
    } satisfies ErrorReply);
  } else if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply
      .status(414)
      .send({ error: 'uri_too_long', message: 'a path parameter is too long' } satisfies ErrorReply);
  } else {
    const status = typeof err.statusCode === 'number' && err.statusCode < 500 ? err.statusCode : 400;
    void reply.status(status).send({ error: 'bad_request', message: err.message } satisfies ErrorReply);
  }
}
