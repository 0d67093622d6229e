import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { EngineError, EngineProtocolError, EngineUnreachableError } from '@harbourmaster/engine';
import type { ErrorReply } from '@harbourmaster/contracts';
import { HttpError } from './http-errors.js';
import { engineErrorReply } from './engine-error-reply.js';
import { DISK_FULL_REPLY, isDiskFullError } from './data-disk.js';

/**
 * The one error boundary: every error becomes `{ error, message, field? }`. Stack traces and
 * internal messages of unexpected errors are logged, never sent.
 */
export function installErrorHandler(app: FastifyInstance, hooks: { onDiskFull?: () => void } = {}): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = err.validationContext ?? 'body';
      const path = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
      const field = path ? `${where}.${path}` : where;
      const message = first?.message ?? 'invalid input';
      return reply.status(400).send({ error: 'validation', message: `${field}: ${message}`, field });
    }
    if (isDiskFullError(err)) {
      // The write failed, so the change was not made (audited changes write their intent first).
      hooks.onDiskFull?.();
      req.log.error({ err }, 'the data disk is full');
      return reply.status(507).send(DISK_FULL_REPLY);
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
      const { status, reply: body } = engineErrorReply(err);
      return reply.status(status).send(body);
    }
    if (err instanceof EngineProtocolError) {
      req.log.warn({ err }, 'the engine answered garbage');
      return reply.status(502).send({ error: 'engine_error', message: err.message });
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
