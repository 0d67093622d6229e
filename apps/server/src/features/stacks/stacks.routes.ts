import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  boolQuerySchema,
  hostParamsSchema,
  jobAcceptedSchema,
  okReplySchema,
  stackActionParamsSchema,
  stackActionSchema,
  stackAdoptBodySchema,
  stackServiceParamsSchema,
  stackListReplySchema,
  stackParamsSchema,
  stackReplySchema,
  stackWriteBodySchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import type { JobRunner } from '../jobs/job-runner.js';
import type { StacksService } from './stacks.service.js';
import { maskEnvText } from './env-mask.js';

export interface StacksRoutesDeps {
  stacks: StacksService;
  jobs: Pick<JobRunner, 'submit'>;
  audit: AuditLog;
}

export function registerStacksRoutes(app: FastifyInstance, deps: StacksRoutesDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { stacks, audit } = deps;

  r.get(
    '/api/hosts/:host/stacks',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['stacks'],
        summary:
          "Stacks with their status from their containers' Compose labels; projects started elsewhere have managed: false",
        params: hostParamsSchema,
        response: { 200: stackListReplySchema },
      },
    },
    (req) => stacks.list(req.params.host),
  );

  r.post(
    '/api/hosts/:host/stacks',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['stacks'],
        summary:
          'Create a stack: its compose file (and .env) are checked with `compose config` before they are written',
        params: hostParamsSchema,
        body: stackWriteBodySchema,
        response: { 201: stackReplySchema },
      },
    },
    async (req, reply) => {
      const { host } = req.params;
      const created = await audited(
        audit,
        req,
        { action: 'stack.create', hostId: host, target: req.body.name },
        () => stacks.write(host, req.body, 'create'),
      );
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/api/hosts/:host/stacks/:name',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['stacks'],
        summary: "A stack's files (as typed), services and status",
        params: stackParamsSchema,
        response: { 200: stackReplySchema },
      },
    },
    async (req) => {
      const stack = await stacks.get(req.params.host, req.params.name);
      // Viewers read the files, but not the secrets in .env.
      if (req.principal?.role !== 'viewer' || stack.files.env === null) return stack;
      return { ...stack, files: { ...stack.files, env: maskEnvText(stack.files.env) } };
    },
  );

  r.put(
    '/api/hosts/:host/stacks/:name',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['stacks'],
        summary:
          "Change a stack's files; they are checked with `compose config` first and left as they were if they do not pass",
        params: stackParamsSchema,
        body: stackWriteBodySchema,
        response: { 200: stackReplySchema },
      },
    },
    (req) =>
      audited(
        audit,
        req,
        {
          action: 'stack.update',
          hostId: req.params.host,
          target: req.params.name,
          ...(req.body.name !== req.params.name ? { detail: { renamedTo: req.body.name } } : {}),
        },
        () => stacks.write(req.params.host, req.body, 'update', req.params.name),
      ),
  );

  r.delete(
    '/api/hosts/:host/stacks/:name',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['stacks'],
        summary: 'Take a stack down (volumes=true: its volumes too) and delete its folder',
        params: stackParamsSchema,
        querystring: z.object({ volumes: boolQuerySchema.default(false) }),
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      const { host, name } = req.params;
      await audited(
        audit,
        req,
        { action: 'stack.delete', hostId: host, target: name, detail: { volumes: req.query.volumes } },
        () => stacks.remove(host, name, req.query.volumes),
      );
      return { ok: true as const };
    },
  );

  r.post(
    '/api/hosts/:host/stacks/:name/:action',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['stacks'],
        summary:
          'deploy (up -d --remove-orphans), stop, down, restart or pull, as a job whose output streams on job:<id>; one operation per stack at a time',
        params: stackActionParamsSchema,
        response: { 202: jobAcceptedSchema },
      },
    },
    async (req, reply) => {
      const { host, name, action } = req.params;
      await stacks.get(host, name); // 400 for a bad name, 404 for a missing stack, before a job exists
      await stacks.runner(); // 503 when there is no Compose
      const jobId = await audited(audit, req, { action: `stack.${action}`, hostId: host, target: name }, () =>
        deps.jobs.submit('stack.action', host, { name, action }, req.principal?.userId ?? null),
      );
      return reply.status(202).send({ jobId });
    },
  );

  r.post(
    '/api/hosts/:host/stacks/:name/services/:service/:action',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['stacks'],
        summary:
          'deploy (up -d <service>), stop, restart or pull one service of a stack, as a job like the stack actions',
        params: stackServiceParamsSchema.extend({ action: stackActionSchema.exclude(['down']) }),
        response: { 202: jobAcceptedSchema },
      },
    },
    async (req, reply) => {
      const { host, name, service, action } = req.params;
      await stacks.assertService(host, name, service); // 400 bad name, 404 no stack or no such service
      await stacks.runner();
      const jobId = await audited(
        audit,
        req,
        { action: `stack.${action}`, hostId: host, target: name, detail: { service } },
        () =>
          deps.jobs.submit('stack.action', host, { name, action, service }, req.principal?.userId ?? null),
      );
      return reply.status(202).send({ jobId });
    },
  );

  r.post(
    '/api/hosts/:host/stacks/:name/adopt',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['stacks'],
        summary:
          'Adopt a Compose project started elsewhere (found by its labels): move its folder into the stacks directory, or manage it in place',
        params: stackParamsSchema,
        body: stackAdoptBodySchema,
        response: { 200: stackReplySchema },
      },
    },
    (req) =>
      audited(
        audit,
        req,
        {
          action: 'stack.adopt',
          hostId: req.params.host,
          target: req.params.name,
          detail: { mode: req.body.mode },
        },
        () => stacks.adopt(req.params.host, req.params.name, req.body),
      ),
  );
}
