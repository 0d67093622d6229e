import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobListQuerySchema, jobParamsSchema, jobSchema } from '@harbourmaster/contracts';
import type { JobRunner } from './job-runner.js';

export function registerJobRoutes(app: FastifyInstance, deps: { jobs: JobRunner }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/jobs',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['jobs'],
        summary: 'Recent jobs',
        querystring: jobListQuerySchema,
        response: { 200: z.object({ jobs: z.array(jobSchema) }) },
      },
    },
    async (req) => ({ jobs: await deps.jobs.list(req.query) }),
  );
  r.get(
    '/api/jobs/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['jobs'],
        summary: 'One job with its progress',
        params: jobParamsSchema,
        response: { 200: jobSchema },
      },
    },
    (req) => deps.jobs.get(req.params.id),
  );
}
