import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  maintenanceBodySchema,
  maintenanceIdParamsSchema,
  maintenanceListReplySchema,
  maintenanceSchema,
  okReplySchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import { notFound } from '../../http/http-errors.js';
import type { MaintenanceStore } from './maintenance-store.js';

/** Maintenance windows (admin): alerts they match are recorded, marked muted, and not sent. */
export function registerMaintenanceRoutes(
  app: FastifyInstance,
  deps: { maintenance: MaintenanceStore; audit: AuditLog },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { maintenance, audit } = deps;
  const config = { access: 'admin' as const };

  r.get(
    '/api/notifications/maintenance',
    {
      config,
      schema: {
        tags: ['alerts'],
        summary: 'Maintenance windows, with whether each mutes right now',
        response: { 200: maintenanceListReplySchema },
      },
    },
    async () => ({ windows: await maintenance.list() }),
  );

  r.post(
    '/api/notifications/maintenance',
    {
      config,
      schema: {
        tags: ['alerts'],
        summary:
          'Add a window `{ name, match, schedule }`: once (start/end) or weekly (days, from/to, time zone)',
        body: maintenanceBodySchema,
        response: { 201: maintenanceSchema },
      },
    },
    async (req, reply) => {
      const created = await audited(audit, req, { action: 'maintenance.create', target: req.body.name }, () =>
        maintenance.create(req.body),
      );
      return reply.status(201).send(created);
    },
  );

  r.put(
    '/api/notifications/maintenance/:id',
    {
      config,
      schema: {
        tags: ['alerts'],
        summary: 'Replace a maintenance window',
        params: maintenanceIdParamsSchema,
        body: maintenanceBodySchema,
        response: { 200: maintenanceSchema },
      },
    },
    (req) =>
      audited(audit, req, { action: 'maintenance.update', target: req.params.id }, async () => {
        const updated = await maintenance.update(req.params.id, req.body);
        if (!updated) throw notFound(`no maintenance window ${req.params.id}`);
        return updated;
      }),
  );

  r.delete(
    '/api/notifications/maintenance/:id',
    {
      config,
      schema: {
        tags: ['alerts'],
        summary: 'Delete a maintenance window',
        params: maintenanceIdParamsSchema,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      await audited(audit, req, { action: 'maintenance.delete', target: req.params.id }, async () => {
        if (!(await maintenance.remove(req.params.id)))
          throw notFound(`no maintenance window ${req.params.id}`);
      });
      return { ok: true as const };
    },
  );
}
