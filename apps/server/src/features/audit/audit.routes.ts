import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditListQuerySchema, auditListReplySchema } from '@harbourmaster/contracts';
import type { AuditLog } from './audit.service.js';

export function registerAuditRoutes(app: FastifyInstance, deps: { audit: AuditLog }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log, newest first',
        querystring: auditListQuerySchema,
        response: { 200: auditListReplySchema },
      },
    },
    async (req) => ({ entries: await deps.audit.list(req.query) }),
  );
}
