import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  containerMetricsReplySchema,
  containerParamsSchema,
  hostMetricsReplySchema,
  hostParamsSchema,
  latestMetricsReplySchema,
  metricsQuerySchema,
  metricsSettingsSchema,
  metricsSettingsUpdateSchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import { principalOf } from '../../http/principal.js';
import { unauthorized } from '../../http/http-errors.js';
import type { MetricsQueries } from './metrics-queries.js';
import type { MetricsSettingsStore, MetricsSettings } from './metrics-settings.js';

export interface MetricsRoutesDeps {
  queries: MetricsQueries;
  settings: Pick<MetricsSettingsStore, 'read' | 'write'>;
  /** Applies new settings to the running sampler. */
  apply: (settings: MetricsSettings) => void;
  audit: AuditLog;
  /** The Prometheus text of everything `/metrics` exports. */
  prometheus: () => Promise<string>;
}

export function registerMetricsRoutes(app: FastifyInstance, deps: MetricsRoutesDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { queries } = deps;

  r.get(
    '/api/hosts/:host/containers/:id/metrics',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['metrics'],
        summary:
          "A container's CPU, memory, network and block I/O over a range, with average and maximum per point",
        params: containerParamsSchema,
        querystring: metricsQuerySchema,
        response: { 200: containerMetricsReplySchema },
      },
    },
    (req) => queries.container(req.params.host, req.params.id, req.query.range),
  );

  r.get(
    '/api/hosts/:host/metrics',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['metrics'],
        summary: "A host's CPU, memory, load, network and disks over a range, and how it is sampled",
        params: hostParamsSchema,
        querystring: metricsQuerySchema,
        response: { 200: hostMetricsReplySchema },
      },
    },
    (req) => queries.host(req.params.host, req.query.range),
  );

  r.get(
    '/api/hosts/:host/metrics/latest',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['metrics'],
        summary: "Every running container's values from the last pass (for sorting and top consumers)",
        params: hostParamsSchema,
        response: { 200: latestMetricsReplySchema },
      },
    },
    (req) => queries.latest(req.params.host),
  );

  r.get(
    '/api/metrics/settings',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['metrics'],
        summary: 'How often hosts are sampled and how long history is kept',
        response: { 200: metricsSettingsSchema },
      },
    },
    () => deps.settings.read(),
  );

  r.put(
    '/api/metrics/settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['metrics'],
        summary: 'Change the sampling interval (1–60 s) or the retention (1–365 days)',
        body: metricsSettingsUpdateSchema,
        response: { 200: metricsSettingsSchema },
      },
    },
    async (req) => {
      const next = { ...(await deps.settings.read()), ...req.body };
      await audited(deps.audit, req, { action: 'metrics.settings', detail: req.body }, async () => {
        await deps.settings.write(next);
        deps.apply(next);
      });
      return next;
    },
  );

  r.get(
    '/metrics',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['metrics'],
        summary:
          'Prometheus text format: the daemon, each host and each running container (an API token as Bearer is required)',
        response: { 200: z.string() },
      },
    },
    async (req, reply) => {
      // Scrapers hold a token; a browser session is not meant to be scraped with.
      if (principalOf(req).via !== 'token')
        throw unauthorized('/metrics takes an API token: Authorization: Bearer <token>');
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(await deps.prometheus());
    },
  );
}
