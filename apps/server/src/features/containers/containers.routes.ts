import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  bulkReplySchema,
  bulkRequestSchema,
  containerActionParamsSchema,
  containerCheckReplySchema,
  containerCreateReplySchema,
  containerCreateSchema,
  containerDetailSchema,
  containerListQuerySchema,
  containerListReplySchema,
  containerParamsSchema,
  containerRemoveQuerySchema,
  okReplySchema,
  ROLE_RANK,
  tagsBodySchema,
  tagsReplySchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import { auditActor } from '../audit/audit-actor.js';
import type { TagStore } from '../tags/tag-store.js';
import type { ContainerService } from './container.service.js';
import { createResume, type ContainerCreateService } from './container-create.service.js';
import { maskSecretEnv } from './container-mapper.js';
import { dangerousOptions } from './create-checks.js';

export interface ContainerRoutesDeps {
  containers: ContainerService;
  creator: ContainerCreateService;
  tags: TagStore;
  audit: AuditLog;
}

export function registerContainerRoutes(app: FastifyInstance, deps: ContainerRoutesDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { containers, audit } = deps;

  r.get(
    '/api/containers',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['containers'],
        summary: 'Containers across hosts',
        querystring: containerListQuerySchema,
        response: { 200: containerListReplySchema },
      },
    },
    async (req, reply) => (await containers.listBody(req.query)).send(req, reply),
  );

  r.get(
    '/api/hosts/:host/containers/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['containers'],
        summary: 'Inspect a container',
        params: containerParamsSchema,
        response: { 200: containerDetailSchema },
      },
    },
    async (req) => {
      const { inspect, tags, icon, imageDigests } = await containers.inspect(req.params.host, req.params.id);
      const mayReadSecrets = ROLE_RANK[req.principal?.role ?? 'viewer'] >= ROLE_RANK.operator;
      const config = mayReadSecrets
        ? inspect.Config
        : { ...inspect.Config, Env: maskSecretEnv(inspect.Config.Env) };
      return { hostId: req.params.host, tags, icon, imageDigests, inspect: { ...inspect, Config: config } };
    },
  );

  r.post(
    '/api/hosts/:host/containers/:id/:action',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['containers'],
        summary: 'start, stop, restart, kill, pause or unpause',
        params: containerActionParamsSchema,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      const { host, id, action } = req.params;
      await audited(audit, req, { action: `container.${action}`, hostId: host, target: id }, () =>
        containers.act(host, id, action),
      );
      return { ok: true as const };
    },
  );

  r.delete(
    '/api/hosts/:host/containers/:id',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['containers'],
        summary: 'Remove a container',
        params: containerParamsSchema,
        querystring: containerRemoveQuerySchema,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      const { host, id } = req.params;
      await audited(
        audit,
        req,
        { action: 'container.remove', hostId: host, target: id, detail: req.query },
        () => containers.remove(host, id, req.query),
      );
      return { ok: true as const };
    },
  );

  r.post(
    '/api/hosts/:host/containers',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['containers'],
        summary: 'Create (and start) a container',
        params: containerParamsSchema.pick({ host: true }),
        body: containerCreateSchema,
        response: { 201: containerCreateReplySchema },
      },
    },
    async (req, reply) => {
      const { host } = req.params;
      const b = req.body;
      const detail = {
        image: b.image,
        ports: b.ports,
        mounts: b.mounts,
        privileged: b.privileged,
        network: b.network ?? null,
        envNames: Object.keys(b.env),
        tags: b.tags,
      };
      // The resume data lets the start-up reconcile tag a container made just before a crash.
      const created = await audited(
        audit,
        req,
        {
          action: 'container.create',
          hostId: host,
          target: b.name ?? b.image,
          detail,
          resume: createResume(b),
        },
        (progress) => deps.creator.create(host, b, progress),
      );
      await containers.settle(host, created.id);
      return reply.status(201).send(created);
    },
  );

  r.post(
    '/api/hosts/:host/containers/check',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['containers'],
        summary:
          'Check a create request without creating anything: port collisions, host paths, dangerous options',
        params: containerParamsSchema.pick({ host: true }),
        body: containerCreateSchema,
        response: { 200: containerCheckReplySchema },
      },
    },
    async (req) => ({
      problems: await deps.creator.check(req.params.host, req.body),
      dangers: dangerousOptions(req.body),
    }),
  );

  r.post(
    '/api/containers/bulk',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['containers'],
        summary: 'One action on many containers; one result per target',
        body: bulkRequestSchema,
        response: { 200: bulkReplySchema },
      },
    },
    async (req) => {
      const { action, targets, force } = req.body;
      const results = await containers.bulk(action, targets, force);
      await Promise.all(
        results.map((res) =>
          audit.record({
            actor: auditActor(req),
            action: `container.${action}`,
            hostId: res.host,
            target: res.id,
            result: res.ok ? 'ok' : 'error',
            detail: { bulk: true, ...(res.error ? { error: res.error } : {}) },
          }),
        ),
      );
      return { results };
    },
  );

  r.put(
    '/api/hosts/:host/containers/:id/tags',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['containers'],
        summary: "Replace a container's tags (kept by name)",
        params: containerParamsSchema,
        body: tagsBodySchema,
        response: { 200: tagsReplySchema },
      },
    },
    async (req) => {
      const { host, id } = req.params;
      const { inspect } = await containers.inspect(host, id);
      const name = inspect.Name.replace(/^\//, '');
      const tags = await audited(
        audit,
        req,
        { action: 'container.tags', hostId: host, target: name, detail: { tags: req.body.tags } },
        () => deps.tags.set(host, 'container', name, req.body.tags),
      );
      return { tags };
    },
  );
}
