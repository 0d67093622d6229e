import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  hostParamsSchema,
  networkParamsSchema,
  networkCreateBodySchema,
  networkListReplySchema,
  okReplySchema,
  pruneQuerySchema,
  pruneReplySchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import type { NetworkService } from './network.service.js';

export function registerNetworkRoutes(
  app: FastifyInstance,
  deps: { networks: NetworkService; audit: AuditLog },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { networks, audit } = deps;

  r.get(
    '/api/hosts/:host/networks',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['networks'],
        summary: 'Networks on a host',
        params: hostParamsSchema,
        response: { 200: networkListReplySchema },
      },
    },
    async (req) => ({ networks: await networks.list(req.params.host) }),
  );

  r.post(
    '/api/hosts/:host/networks',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['networks'],
        summary: 'Create a network',
        params: hostParamsSchema,
        body: networkCreateBodySchema,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => {
      const { host } = req.params;
      const created = await audited(
        audit,
        req,
        {
          action: 'network.create',
          hostId: host,
          target: req.body.name,
          detail: { driver: req.body.driver },
        },
        () => networks.create(host, req.body),
      );
      return reply.status(201).send({ id: created.Id });
    },
  );

  r.delete(
    '/api/hosts/:host/networks/:id',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['networks'],
        summary: 'Remove a network',
        params: networkParamsSchema,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      const { host, id } = req.params;
      await audited(audit, req, { action: 'network.remove', hostId: host, target: id }, () =>
        networks.remove(host, id),
      );
      return { ok: true as const };
    },
  );

  r.post(
    '/api/hosts/:host/networks/prune',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['networks'],
        summary: 'Remove unused networks; dryRun=true previews',
        params: hostParamsSchema,
        querystring: pruneQuerySchema,
        response: { 200: pruneReplySchema },
      },
    },
    async (req) => {
      const { host } = req.params;
      if (req.query.dryRun) return networks.prune(host, true);
      return audited(audit, req, { action: 'network.prune', hostId: host }, () =>
        networks.prune(host, false),
      );
    },
  );
}
