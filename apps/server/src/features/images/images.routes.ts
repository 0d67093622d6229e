import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  forceQuerySchema,
  hostParamsSchema,
  imageListReplySchema,
  imagePullBodySchema,
  imageRefParamsSchema,
  jobAcceptedSchema,
  okReplySchema,
  pruneQuerySchema,
  pruneReplySchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { JobRunner } from '../jobs/job-runner.js';
import type { ImageService } from './image.service.js';

export interface ImageRoutesDeps {
  images: ImageService;
  hosts: Pick<HostRegistry, 'get'>;
  jobs: JobRunner;
  audit: AuditLog;
}

export function registerImageRoutes(app: FastifyInstance, deps: ImageRoutesDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/hosts/:host/images',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['images'],
        summary: 'Images on a host',
        params: hostParamsSchema,
        response: { 200: imageListReplySchema },
      },
    },
    async (req) => ({ images: await deps.images.list(req.params.host) }),
  );

  r.post(
    '/api/hosts/:host/images/pull',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['images'],
        summary: 'Pull an image as a job; follow it on the WebSocket topic job:<id> or GET /api/jobs/<id>',
        params: hostParamsSchema,
        body: imagePullBodySchema,
        response: { 202: jobAcceptedSchema },
      },
    },
    async (req, reply) => {
      const { host } = req.params;
      deps.hosts.get(host);
      const jobId = await audited(
        deps.audit,
        req,
        { action: 'image.pull', hostId: host, target: req.body.image },
        () => deps.jobs.submit('image.pull', host, { image: req.body.image }, req.principal?.userId ?? null),
      );
      return reply.status(202).send({ jobId });
    },
  );

  r.post(
    '/api/hosts/:host/images/prune',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['images'],
        summary: 'Remove untagged unused images (all=true: every unused image); dryRun=true previews',
        params: hostParamsSchema,
        querystring: pruneQuerySchema,
        response: { 200: pruneReplySchema },
      },
    },
    async (req) => {
      const { host } = req.params;
      const opts = { dryRun: req.query.dryRun, all: req.query.all };
      if (opts.dryRun) return deps.images.prune(host, opts);
      return audited(
        deps.audit,
        req,
        { action: 'image.prune', hostId: host, detail: { all: opts.all } },
        () => deps.images.prune(host, opts),
      );
    },
  );

  r.delete(
    '/api/hosts/:host/images/:id',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['images'],
        summary: 'Remove an image (by id or reference)',
        params: imageRefParamsSchema,
        querystring: forceQuerySchema,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      const { host, id } = req.params;
      await audited(deps.audit, req, { action: 'image.remove', hostId: host, target: id }, () =>
        deps.images.remove(host, id, req.query.force),
      );
      return { ok: true as const };
    },
  );
}
