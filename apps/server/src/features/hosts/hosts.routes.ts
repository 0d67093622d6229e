import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  healthReplySchema,
  hostParamsSchema,
  hostSchema,
  tagsBodySchema,
  tagsReplySchema,
} from '@harbourmaster/contracts';
import type { HostRegistry } from './host-registry.js';
import type { TagStore } from '../tags/tag-store.js';
import type { AuditLog } from '../audit/audit.service.js';
import { auditActor } from '../audit/audit-actor.js';
import type { DataDiskWatch } from '../../http/data-disk.js';

export interface HostRoutesDeps {
  hosts: HostRegistry;
  tags: TagStore;
  audit: AuditLog;
  version: string;
  schemaVersion: string;
  startedAt: number;
  /** Whether the data disk is full, for the health reply. */
  dataDisk: Pick<DataDiskWatch, 'status'>;
}

export function registerHostRoutes(app: FastifyInstance, deps: HostRoutesDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness, engine reachability and whether the data disk is full',
        response: { 200: healthReplySchema },
      },
    },
    async () => {
      const hosts = deps.hosts
        .list()
        .map((h) => ({ id: h.host.id, reachable: h.status.reachable, error: h.status.error }));
      const dataDisk = await deps.dataDisk.status();
      const healthy = hosts.every((h) => h.reachable) && !dataDisk.full;
      return {
        status: healthy ? ('ok' as const) : ('degraded' as const),
        version: deps.version,
        schemaVersion: deps.schemaVersion,
        uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
        hosts,
        dataDisk,
      };
    },
  );

  r.get(
    '/api/hosts',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['hosts'],
        summary: 'Hosts with their reachability',
        response: { 200: z.object({ hosts: z.array(hostSchema) }) },
      },
    },
    async () => {
      const tags = await deps.tags.byTarget('host');
      return {
        hosts: deps.hosts
          .list()
          .map((h) => ({ ...h.host, tags: tags.get(`${h.host.id}/${h.host.id}`) ?? [], status: h.status })),
      };
    },
  );

  r.put(
    '/api/hosts/:host/tags',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['hosts'],
        summary: "Replace a host's tags",
        params: hostParamsSchema,
        body: tagsBodySchema,
        response: { 200: tagsReplySchema },
      },
    },
    async (req) => {
      deps.hosts.get(req.params.host);
      const tags = await deps.tags.set(req.params.host, 'host', req.params.host, req.body.tags);
      await deps.audit.record({
        actor: auditActor(req),
        action: 'host.tags',
        hostId: req.params.host,
        target: req.params.host,
        result: 'ok',
        detail: { tags },
      });
      return { tags };
    },
  );

  r.get(
    '/api/tags',
    {
      config: { access: 'viewer' },
      schema: { tags: ['hosts'], summary: 'Every tag in use', response: { 200: tagsReplySchema } },
    },
    async () => ({ tags: await deps.tags.all() }),
  );
}
