import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

const PUBLIC = { config: { access: 'public' as const }, schema: { hide: true } };

/** Swagger UI's files, served from its package as they are; nothing else under /api/docs/static. */
const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Harbourmaster API</title>
<link rel="stylesheet" href="./static/swagger-ui.css"><link rel="icon" href="./static/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="./static/swagger-ui-bundle.js"></script><script src="./static/swagger-ui-standalone-preset.js"></script>
<script src="./init.js"></script></body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });`;

/**
 * OpenAPI generated from the routes' zod schemas: the spec at /api/openapi.json, and Swagger UI at
 * /api/docs. The UI is a static page over swagger-ui's own files, read from disk when asked for:
 * its Fastify plugin kept about 6 MB in memory for a page most installs never open.
 */
export async function registerApiDocs(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Harbourmaster API', version },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'hm_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/openapi.json', PUBLIC, () => app.swagger());

  const uiDir = join(
    dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')),
    'static',
  );
  app.get('/api/docs', PUBLIC, (_req, reply) => reply.redirect('/api/docs/'));
  app.get('/api/docs/', PUBLIC, (_req, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(PAGE),
  );
  app.get('/api/docs/init.js', PUBLIC, (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(INIT),
  );
  app.get<{ Params: { file: string } }>('/api/docs/static/:file', PUBLIC, (req, reply) => {
    const type = Object.hasOwn(UI_FILES, req.params.file) ? UI_FILES[req.params.file] : undefined;
    if (!type) return reply.status(404).send({ error: 'not_found', message: `no file ${req.params.file}` });
    return reply
      .type(type)
      .header('cache-control', 'public, max-age=86400')
      .send(createReadStream(join(uiDir, req.params.file)));
  });
}
