import type { FastifyInstance } from 'fastify';

/** Parses a WebSocket text frame; null when it is not JSON (the schema check then reports it). */
export function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * JSON bodies as Fastify parses them (with its prototype-poisoning guard), except that an empty
 * body is no body: many API clients send `Content-Type: application/json` on every request, with
 * or without one. A route that needs a body still refuses the missing one through its schema.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') done(null, undefined);
    // Fastify's default parser is synchronous and answers through `done`; it returns nothing to await.
    else void parseJson(req, text, done);
  });
}
