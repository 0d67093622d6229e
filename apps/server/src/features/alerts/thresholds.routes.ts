import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  thresholdBodySchema,
  thresholdIdParamsSchema,
  thresholdListReplySchema,
  thresholdSchema,
  okReplySchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import { notFound } from '../../http/http-errors.js';
import type { ThresholdStore } from './threshold-store.js';

/** Threshold rules over metrics (admin): a value above a limit for a while raises an alert. */
export function registerThresholdRoutes(
  app: FastifyInstance,
  deps: { thresholds: ThresholdStore; audit: AuditLog },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { thresholds, audit } = deps;
  const config = { access: 'admin' as const };

  r.get(
    '/api/notifications/thresholds',
    {
      config,
      schema: {
        tags: ['alerts'],
        summary: 'Threshold rules over metrics',
        response: { 200: thresholdListReplySchema },
      },
    },
    async () => ({ thresholds: await thresholds.list() }),
  );

  r.post(
    '/api/notifications/thresholds',
    {
      config,
      schema: {
        tags: ['alerts'],
        summary:
          'Add a rule `{ name, metric, above, forSeconds, match }`: fires when the value stays above for that long, resolves below',
        body: thresholdBodySchema,
        response: { 201: thresholdSchema },
      },
    },
    async (req, reply) => {
      const created = await audited(audit, req, { action: 'thresholds.create', target: req.body.name }, () =>
        thresholds.create(req.body),
      );
      return reply.status(201).send(created);
    },
  );

  r.put(
    '/api/notifications/thresholds/:id',
    {
      config,
      schema: {
        tags: ['alerts'],
        summary: 'Replace a threshold rule',
        params: thresholdIdParamsSchema,
        body: thresholdBodySchema,
        response: { 200: thresholdSchema },
      },
    },
    (req) =>
      audited(audit, req, { action: 'thresholds.update', target: req.params.id }, async () => {
        const updated = await thresholds.update(req.params.id, req.body);
        if (!updated) throw notFound(`no threshold rule ${req.params.id}`);
        return updated;
      }),
  );

  r.delete(
    '/api/notifications/thresholds/:id',
    {
      config,
      schema: {
        tags: ['alerts'],
        summary: 'Delete a threshold rule',
        params: thresholdIdParamsSchema,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      await audited(audit, req, { action: 'threshold.delete', target: req.params.id }, async () => {
        if (!(await thresholds.remove(req.params.id))) throw notFound(`no threshold rule ${req.params.id}`);
      });
      return { ok: true as const };
    },
  );
}
