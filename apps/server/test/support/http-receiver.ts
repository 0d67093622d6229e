import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver got it. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A loopback HTTP receiver that records every request and answers with `status` (200 by default). */
export interface HttpReceiver {
  url: string;
  port: number;
  received: Received[];
  status: number;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 (port 0 picks a free one, or the given port to come back on it). */
export async function startReceiver(port = 0): Promise<HttpReceiver> {
  const received: Received[] = [];
  const receiver = { received, status: 200 } as HttpReceiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      res.writeHead(receiver.status, { 'content-type': 'application/json' });
      res.end(receiver.status < 300 ? '{"ok":true}' : '{"error":"receiver says no"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  receiver.port = bound;
  receiver.url = `http://127.0.0.1:${bound}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
