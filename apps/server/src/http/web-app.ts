import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

const MISSING = `<!doctype html><meta charset="utf-8"><title>Harbourmaster</title>
<body style="font-family:system-ui;background:#0b0c0f;color:#e7e8ec;padding:3rem">
<h1>The web panel is not built</h1><p>Run <code>npm start</code> (it builds it), or <code>npm run build -w @harbourmaster/web</code>.
The API is up: <a style="color:#6e8bff" href="/api/docs">/api/docs</a>.</p></body>`;

/**
 * Serves the built single-page app from `webDir`: hashed assets cached for a year, index.html and the
 * service worker never cached, and every other non-API path answered with index.html (client routes).
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  if (!existsSync(`${webDir}/index.html`)) {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (_req, reply) =>
      reply.type('text/html').send(MISSING),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      const immutable = path.includes('/assets/');
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/'))
      return reply.status(404).send({ error: 'not_found', message: `no route GET ${path}` });
    const file = path.slice(1);
    if (file && !file.includes('..') && existsSync(`${webDir}/${file}`)) return reply.sendFile(file);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
