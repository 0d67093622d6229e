import { z } from 'zod';

const boolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** Unix seconds (fractions allowed) or an RFC 3339 time, as the engine takes them. */
const timeQuery = z
  .string()
  .regex(/^(\d+(\.\d+)?|\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2}))$/, 'unix seconds or an RFC 3339 time');

export const logQuerySchema = z.object({
  tail: z.union([z.literal('all'), z.coerce.number().int().min(0).max(100_000)]).default(500),
  since: timeQuery.optional(),
  until: timeQuery.optional(),
  timestamps: boolQuery.default(false),
  follow: boolQuery
    .default(false)
    .meta({ description: 'Stream as server-sent events (one `log` event per line)' }),
  stdout: boolQuery.default(true),
  stderr: boolQuery.default(true),
});

export const logLineSchema = z.object({
  stream: z.enum(['stdout', 'stderr']),
  line: z.string(),
  ts: z.string().optional(),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const logReplySchema = z.object({ lines: z.array(logLineSchema) });
