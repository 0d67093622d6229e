import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebApp } from './web-app.js';

const INDEX = `<!doctype html><html><head><script>document.documentElement.dataset.theme='dark';</script>
<script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>`;

const BIG = `export const rows = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => `row-${i}`))};`;

let dir: string;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hm-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'sw.js'), '// sw');
  writeFileSync(join(dir, 'index.html.br'), brotliCompressSync(INDEX));
  writeFileSync(join(dir, 'assets', 'big-111.js'), BIG);
  writeFileSync(join(dir, 'assets', 'big-111.js.br'), brotliCompressSync(BIG));
  writeFileSync(join(dir, 'assets', 'big-111.js.gz'), gzipSync(BIG));
  app = Fastify();
  await app.register((scoped) => registerWebApp(scoped, dir));
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web app', () => {
  it('answers client routes with index.html, never cached, with a CSP that allows its inline script', async () => {
    const res = await app.inject({ url: '/containers/local/my.app?tab=logs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<div id="root">');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('caches hashed assets for a year and the service worker not at all', async () => {
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const sw = await app.inject({ url: '/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['cache-control']).toBe('no-cache');
  });

  it('serves files built after start, and fails missing assets as themselves rather than as HTML', async () => {
    writeFileSync(join(dir, 'assets', 'late-def456.js'), 'console.log(2)');
    const late = await app.inject({ url: '/assets/late-def456.js' });
    expect(late.statusCode).toBe(200);
    expect(late.body).toBe('console.log(2)');
    const gone = await app.inject({ url: '/assets/index-old999.js' });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toContain('text/plain');
    expect((await app.inject({ url: '/favicon.ico' })).statusCode).toBe(404);
  });

  it('sends the precompressed copy the browser accepts, with the headers of the original', async () => {
    const br = await app.inject({ url: '/assets/big-111.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(BIG);
    const gz = await app.inject({ url: '/assets/big-111.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ url: '/assets/big-111.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BIG);
    const shell = await app.inject({ url: '/containers', headers: { 'accept-encoding': 'br' } });
    expect(shell.headers['content-encoding']).toBe('br');
    expect(shell.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(brotliDecompressSync(shell.rawPayload).toString()).toBe(INDEX);
  });

  it('leaves /api to the API: an unknown API path is a JSON 404, not the app', async () => {
    const res = await app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: 'no route GET /api/nothing-here' });
  });

  it('says how to build the panel when it is missing', async () => {
    const bare = Fastify();
    await bare.register((scoped) => registerWebApp(scoped, join(dir, 'nope')));
    const res = await bare.inject({ url: '/containers' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build -w @harbourmaster/web');
    expect((await bare.inject({ url: '/api/x' })).statusCode).toBe(404);
    await bare.close();
  });
});
