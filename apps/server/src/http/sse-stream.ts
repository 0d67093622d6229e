import { once } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** How often an idle stream sends a comment, so proxies keep it open. */
const HEARTBEAT_MS = 15_000;

export interface SseStream {
  /** Aborted when the client leaves. */
  readonly signal: AbortSignal;
  /** Sends one event; resolves when the client has room for more (back-pressure). */
  send(event: string, data: unknown): Promise<void>;
  /** Bytes written but not yet taken by the client: a caller that cannot wait drops lines above a bound. */
  readonly backlog: number;
  /** Ends the stream (idempotent). */
  end(): void;
}

/** Takes over the reply as a server-sent events stream that knows when its client leaves. */
export function openSse(req: FastifyRequest, reply: FastifyReply): SseStream {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  res.write(': following\n\n');
  const abort = new AbortController();
  const leave = () => abort.abort();
  // The response closes when the client goes (or the daemon ends the stream); a client gone before
  // the stream opened is gone already.
  res.on('close', leave);
  if (req.raw.socket.destroyed) leave();
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  let ended = false;
  return {
    signal: abort.signal,
    get backlog() {
      return res.writableLength;
    },
    async send(event, data) {
      if (ended || abort.signal.aborted) return;
      if (!res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`))
        await once(res, 'drain', { signal: abort.signal }).catch(() => undefined);
    },
    end() {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      res.off('close', leave);
      res.end();
    },
  };
}
