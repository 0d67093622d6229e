import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  forceQuerySchema,
  hostParamsSchema,
  volumeParamsSchema,
  okReplySchema,
  pruneQuerySchema,
  pruneReplySchema,
  volumeCreateBodySchema,
  volumeListReplySchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import type { VolumeService } from './volume.service.js';

export function registerVolumeRoutes(
  app: FastifyInstance,
  deps: { volumes: VolumeService; audit: AuditLog },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { volumes, audit } = deps;

  r.get(
    '/api/hosts/:host/volumes',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['volumes'],
        summary: 'Volumes on a host',
        params: hostParamsSchema,
        response: { 200: volumeListReplySchema },
      },
    },
    async (req) => ({ volumes: await volumes.list(req.params.host) }),
  );

  r.post(
    '/api/hosts/:host/volumes',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['volumes'],
        summary: 'Create a volume',
        params: hostParamsSchema,
        body: volumeCreateBodySchema,
        response: { 201: z.object({ name: z.string() }) },
      },
    },
    async (req, reply) => {
      const { host } = req.params;
      const created = await audited(
        audit,
        req,
        { action: 'volume.create', hostId: host, target: req.body.name },
        () => volumes.create(host, req.body),
      );
      return reply.status(201).send({ name: created.Name });
    },
  );

  r.delete(
    '/api/hosts/:host/volumes/:id',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['volumes'],
        summary: 'Remove a volume',
        params: volumeParamsSchema,
        querystring: forceQuerySchema,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      const { host, id } = req.params;
      await audited(audit, req, { action: 'volume.remove', hostId: host, target: id }, () =>
        volumes.remove(host, id, req.query.force),
      );
      return { ok: true as const };
    },
  );

  r.post(
    '/api/hosts/:host/volumes/prune',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['volumes'],
        summary: 'Remove unused anonymous volumes (all=true: every unused volume); dryRun=true previews',
        params: hostParamsSchema,
        querystring: pruneQuerySchema,
        response: { 200: pruneReplySchema },
      },
    },
    async (req) => {
      const { host } = req.params;
      if (req.query.dryRun) return volumes.prune(host, { dryRun: true, all: req.query.all });
      return audited(
        audit,
        req,
        { action: 'volume.prune', hostId: host, detail: { all: req.query.all } },
        () => volumes.prune(host, { dryRun: false, all: req.query.all }),
      );
    },
  );
}
