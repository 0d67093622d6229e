import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { EngineError, EngineUnreachableError } from '@harbourmaster/engine';
import type { ErrorReply } from '@harbourmaster/contracts';
import { HttpError } from './http-errors.js';

/**
 * Maps an engine status to ours: the engine's 404/409/400 carry a message the user can act on; its
 * 403 ("network has active endpoints") and 304 are conflicts with the current state, not our roles.
 */
function fromEngine(err: EngineError): { status: number; reply: ErrorReply } {
  const status = [400, 404, 409].includes(err.statusCode)
    ? err.statusCode
    : [304, 403].includes(err.statusCode)
      ? 409
      : 502;
  const code =
    status === 404
      ? 'not_found'
      : status === 409
        ? 'conflict'
        : status === 400
          ? 'validation'
          : 'engine_error';
  return { status, reply: { error: code, message: err.message } };
}

/**
 * The one error boundary: every error becomes `{ error, message, field? }`. Stack traces and
 * internal messages of unexpected errors are logged, never sent.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = err.validationContext ?? 'body';
      const path = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
      const field = path ? `${where}.${path}` : where;
      const message = first?.message ?? 'invalid input';
      return reply.status(400).send({ error: 'validation', message: `${field}: ${message}`, field });
    }
    if (err instanceof HttpError) {
      const body: ErrorReply = { error: err.code, message: err.message };
      if (err.field) body.field = err.field;
      return reply.status(err.statusCode).send(body);
    }
    if (err instanceof EngineUnreachableError) {
      return reply.status(503).send({ error: 'engine_unreachable', message: err.message });
    }
    if (err instanceof EngineError) {
      const { status, reply: body } = fromEngine(err);
      return reply.status(status).send(body);
    }
    const status =
      typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500
        ? err.statusCode
        : 500;
    if (status < 500) {
      return reply.status(status).send({ error: err.code ?? 'bad_request', message: err.message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: 'internal', message: 'internal error; the server log has the details' });
  });
  app.setNotFoundHandler((req, reply) =>
    reply
      .status(404)
      .send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` }),
  );
}
