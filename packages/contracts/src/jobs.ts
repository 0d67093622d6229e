import { z } from 'zod';

export const jobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof jobStateSchema>;

/** Per-layer progress of an image pull: one entry per layer id. */
export const pullProgressSchema = z.object({
  layers: z.record(
    z.string(),
    z.object({ status: z.string(), current: z.number().nullable(), total: z.number().nullable() }),
  ),
  status: z.string().meta({ description: 'The latest overall status line' }),
});
export type PullProgressState = z.infer<typeof pullProgressSchema>;

export const jobSchema = z.object({
  id: z.string(),
  hostId: z.string().nullable(),
  kind: z.string(),
  state: jobStateSchema,
  params: z.record(z.string(), z.unknown()),
  progress: z.unknown().nullable(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});
export type Job = z.infer<typeof jobSchema>;

export const jobAcceptedSchema = z.object({ jobId: z.string() });
export const jobParamsSchema = z.object({ id: z.string().uuid() });
export const jobListQuerySchema = z.object({
  state: jobStateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
