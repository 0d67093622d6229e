import http from 'node:http';
import type { Socket } from 'node:net';
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
