import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  alertIdParamsSchema,
  alertListQuerySchema,
  alertListReplySchema,
  inboundAlertBodySchema,
  inboundAlertReplySchema,
  okReplySchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import { auditActor } from '../audit/audit-actor.js';
import { notFound } from '../../http/http-errors.js';
import type { AlertHub } from './alert-hub.js';
import type { AlertStore } from './alert-store.js';

/** The alert history (viewers read it), acknowledging, and alerts sent in by other tools. */
export function registerAlertRoutes(
  app: FastifyInstance,
  deps: { store: AlertStore; hub: AlertHub; audit: AuditLog; now: () => number },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/alerts',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['alerts'],
        summary: 'Alert history, newest first, with how each reached its channels',
        querystring: alertListQuerySchema,
        response: { 200: alertListReplySchema },
      },
    },
    async (req) => ({ alerts: await deps.store.list(req.query) }),
  );

  r.post(
    '/api/alerts/:id/ack',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an alert: someone is on it',
        params: alertIdParamsSchema,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      await audited(deps.audit, req, { action: 'alert.ack', target: req.params.id }, async () => {
        if (!(await deps.store.ack(req.params.id, auditActor(req).name, deps.now())))
          throw notFound(`no alert ${req.params.id}`);
      });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/alerts/events',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['alerts'],
        summary:
          'Send an alert in from another tool (a CI job, a script) with an API token: routed, deduplicated and recorded like every other',
        body: inboundAlertBodySchema,
        response: { 202: inboundAlertReplySchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const key = `external:${b.key ?? createHash('sha256').update(b.title).digest('hex').slice(0, 16)}`;
      const result = await deps.hub.raise({
        key,
        source: 'external',
        kind: 'external',
        severity: b.severity,
        status: b.status,
        title: b.title,
        message: b.message,
        hostId: b.hostId ?? null,
        container: null,
        stack: b.stack ?? null,
        labels: { ...b.labels, sender: auditActor(req).name },
        detail: {},
        url: b.url ?? null,
      });
      return reply.status(202).send({ id: result.id, deduplicated: result.deduplicated });
    },
  );
}
