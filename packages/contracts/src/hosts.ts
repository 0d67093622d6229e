import { z } from 'zod';
import { hostIdSchema } from './common.js';

export const hostStatusSchema = z.object({
  reachable: z.boolean(),
  error: z.string().nullable().meta({ description: 'Why the engine is unreachable, when it is' }),
  engineVersion: z.string().nullable(),
  apiVersion: z.string().nullable(),
  lastSeenAt: z.number().int().nullable(),
});

export const hostSchema = z.object({
  id: hostIdSchema,
  name: z.string(),
  kind: z.enum(['socket', 'tcp', 'agent']),
  url: z.string(),
  tags: z.array(z.string()),
  status: hostStatusSchema,
});
export type Host = z.infer<typeof hostSchema>;
export type HostStatus = z.infer<typeof hostStatusSchema>;

export const healthReplySchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  schemaVersion: z.string(),
  uptimeSeconds: z.number(),
  hosts: z.array(z.object({ id: z.string(), reachable: z.boolean(), error: z.string().nullable() })),
  dataDisk: z.object({ full: z.boolean(), error: z.string().nullable() }).meta({
    description: 'Whether writes to the data disk fail for lack of space (the status is then degraded)',
  }),
});
export type HealthReply = z.infer<typeof healthReplySchema>;
