import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

const MISSING = `<!doctype html><meta charset="utf-8"><title>Harbourmaster</title>
<body style="font-family:system-ui;background:#0b0c0f;color:#e7e8ec;padding:3rem;line-height:1.5">
<h1>The web panel is not built</h1><p>Run <code>npm start</code> (it builds it), or
<code>npm run build -w @harbourmaster/web</code> and restart the daemon.
The API is up: <a style="color:#6e8bff" href="/api/docs">/api/docs</a>.</p></body>`;

const PUBLIC = { config: { access: 'public' as const }, schema: { hide: true } };

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Headers for the HTML shell: no framing (the panel has buttons that stop containers, so no other
 * site may overlay it), and a CSP that allows only this origin's scripts plus the page's own inline
 * theme script, by hash. Styles may be inline: the terminal writes its own <style> elements.
 */
function shellHeaders(indexHtml: string): Record<string, string> {
  const inline = [...indexHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}'`,
  );
  return {
    'cache-control': 'no-cache',
    'content-security-policy': [
      "default-src 'self'",
      `script-src 'self' ${inline.join(' ')}`.trim(),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob: https:",
      // Vite inlines the smallest font subsets as data: URLs.
      "font-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ].join('; '),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function notFoundJson(reply: FastifyReply, path: string) {
  return reply.status(404).send({ error: 'not_found', message: `no route GET ${path}` });
}

/**
 * Serves the built single-page app from `webDir` at `/`: hashed assets cached for a year, the HTML
 * and the service worker never cached, and every other non-API path answered with index.html so
 * client routes survive a reload. These routes are public: the app itself decides what to show.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const indexFile = join(webDir, 'index.html');
  if (!existsSync(indexFile)) {
    app.get('/*', PUBLIC, (req, reply) => {
      const path = req.url.split('?')[0] ?? '/';
      if (isApi(path)) return notFoundJson(reply, path);
      return reply.status(503).type('text/html').header('cache-control', 'no-store').send(MISSING);
    });
    return;
  }
  const headers = shellHeaders(readFileSync(indexFile, 'utf8'));
  await app.register(fastifyStatic, {
    root: webDir,
    // Routes for the files present at start; files built later are found by the fallback below.
    wildcard: false,
    index: false,
    // The build writes .br and .gz beside every text asset; the one the browser accepts is sent.
    preCompressed: true,
    setHeaders: (reply, sent) => {
      const path = sent.replace(/\.(?:br|gz)$/, '');
      const immutable = path.includes(`${join(webDir, 'assets')}/`);
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (path === indexFile) for (const [k, v] of Object.entries(headers)) void reply.header(k, v);
    },
  });
  app.get('/*', PUBLIC, (req, reply) => {
    const path = safeDecode(req.url.split('?')[0] ?? '/');
    if (isApi(path)) return notFoundJson(reply, path);
    const file = normalize(path).replace(/^\/+/, '');
    if (file && !file.startsWith('..')) {
      const full = join(webDir, file);
      if (existsSync(full) && statSync(full).isFile()) return reply.sendFile(file);
    }
    // A missing asset (an old hashed file after a rebuild) must fail as itself, not turn into HTML
    // that the browser then refuses as a script.
    // (Client routes may have dots too — a container named my.app — but never at the top level.)
    if (path.startsWith('/assets/') || (!path.slice(1).includes('/') && extname(path) !== ''))
      return reply.status(404).type('text/plain').send(`not found: ${path}`);
    return reply.headers(headers).sendFile('index.html');
  });
}
