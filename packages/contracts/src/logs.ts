import { z } from 'zod';
import { boolQuerySchema } from './common.js';

/** Unix seconds (fractions allowed) or an RFC 3339 time, as the engine takes them. */
const timeQuery = z
  .string()
  .regex(/^(\d+(\.\d+)?|\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2}))$/, 'unix seconds or an RFC 3339 time');

export const logQuerySchema = z.object({
  tail: z.union([z.literal('all'), z.coerce.number().int().min(0).max(100_000)]).default(500),
  since: timeQuery.optional(),
  until: timeQuery.optional(),
  timestamps: boolQuerySchema.default(false),
  follow: boolQuerySchema
    .default(false)
    .meta({ description: 'Stream as server-sent events (one `log` event per line)' }),
  stdout: boolQuerySchema.default(true),
  stderr: boolQuerySchema.default(true),
});

export const logLineSchema = z.object({
  stream: z.enum(['stdout', 'stderr']),
  line: z.string(),
  ts: z.string().optional(),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const logReplySchema = z.object({ lines: z.array(logLineSchema) });
