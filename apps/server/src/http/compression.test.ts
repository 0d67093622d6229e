import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { installCompression } from './compression.js';
import { EncodedBody } from './encoded-body.js';

const rows = Array.from({ length: 300 }, (_, i) => ({ name: `container-${i}`, state: 'running' }));
let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  installCompression(app);
  app.get('/big', () => ({ rows }));
  app.get('/small', () => ({ ok: true }));
  app.get('/png', (_req, reply) => reply.type('image/png').send(Buffer.alloc(4096)));
  const cached = EncodedBody.of({ rows });
  app.get('/cached', (req, reply) => cached.send(req, reply));
  await app.ready();
});
afterAll(() => app.close());

describe('reply compression', () => {
  it('compresses JSON over 1 KB with what the client accepts', async () => {
    const br = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(JSON.stringify({ rows }).length / 5);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual({ rows });
    const gz = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual({ rows });
  });

  it('leaves small replies, binary types and clients without Accept-Encoding alone', async () => {
    const small = await app.inject({ url: '/small', headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    const png = await app.inject({ url: '/png', headers: { 'accept-encoding': 'br' } });
    expect(png.headers['content-encoding']).toBeUndefined();
    const plain = await app.inject({ url: '/big' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toEqual({ rows });
  });

  it('sends a cached reply in its precompressed form once', async () => {
    const br = await app.inject({ url: '/cached', headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual({ rows });
  });
});
