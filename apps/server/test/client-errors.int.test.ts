import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

// Requests the HTTP parser refuses end their connection; the reply must say so, or a keep-alive
// client sends its next request into a closing socket and loses it.
let t: TestApp;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  port = address.port;
});
afterAll(async () => t?.close());

interface RawReply {
  head: string;
  body: string;
}

/** Writes raw bytes and returns every reply the server sends until it closes the connection. */
function exchange(raw: string): Promise<RawReply[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(raw));
    let text = '';
    socket.setTimeout(5_000, () => reject(new Error(`the server kept the connection open: ${text}`)));
    socket.on('data', (c: Buffer) => (text += c.toString()));
    socket.on('error', reject);
    socket.on('close', () =>
      resolve(
        text
          .split(/(?=HTTP\/1\.1 \d{3} )/)
          .map((reply) => reply.split('\r\n\r\n'))
          .map(([head = '', body = '']) => ({ head, body })),
      ),
    );
  });
}

describe('requests the HTTP parser refuses', () => {
  it('answers oversized headers with 431, Connection: close and a JSON body', async () => {
    const [reply, ...more] = await exchange(
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(more).toEqual([]);
    const { head, body } = reply!;
    expect(head).toMatch(/^HTTP\/1.1 431 /);
    expect(head).toMatch(/\r\nConnection: close\r\n/i);
    expect(head).toMatch(/\r\nContent-Type: application\/json/i);
    expect(JSON.parse(body)).toEqual({
      error: 'headers_too_large',
      message: 'the request headers are too large',
    });
  });

  it.each([
    ['a garbage request line', 'NOT AN HTTP REQUEST\r\n\r\n'],
    ['a bad header line', 'GET /api/health HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n'],
    [
      'a keep-alive request followed by garbage',
      'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n\x00\x01\r\n\r\n',
    ],
  ])('answers %s with 400 and Connection: close', async (_label, raw) => {
    const replies = await exchange(raw);
    const { head, body } = replies.at(-1)!;
    expect(head).toMatch(/^HTTP\/1.1 400 /);
    expect(head).toMatch(/\r\nConnection: close\r\n/i);
    expect(JSON.parse(body)).toEqual({ error: 'bad_request', message: 'malformed HTTP request' });
  });

  it('answers a path that is not valid percent-encoded UTF-8 with our 400, not echoing it', async () => {
    const [reply, ...more] = await exchange(
      'GET /api/hosts/local/containers/%C0%AE%C0%AE/logs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(more).toEqual([]);
    expect(reply!.head).toMatch(/^HTTP\/1.1 400 /);
    expect(JSON.parse(reply!.body)).toEqual({
      error: 'bad_request',
      message: 'the URL path is not valid: a segment is not well-formed percent-encoded UTF-8',
    });
  });

  it('a keep-alive client loses no request after a 431', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = (headers: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/api/health', agent, headers }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          })
          .on('error', reject);
      });
    try {
      for (let i = 0; i < 20; i++) {
        expect(await get()).toBe(200);
        expect(await get({ 'x-big': 'a'.repeat(20_000) })).toBe(431);
      }
      expect(await get()).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
