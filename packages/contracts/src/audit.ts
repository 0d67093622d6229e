import { z } from 'zod';

/**
 * An entry's outcome. A change is written as `pending` before it is made and gets its result after;
 * one still pending when the daemon stopped becomes `interrupted` at the next start (its
 * `detail.reconcile` says what was found then, e.g. a container that had been created).
 */
export const auditResultSchema = z.enum(['ok', 'error', 'denied', 'pending', 'interrupted']);
export type AuditResult = z.infer<typeof auditResultSchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  ts: z.number().int(),
  actor: z.string(),
  actorId: z.string().nullable(),
  via: z.string(),
  action: z.string(),
  hostId: z.string().nullable(),
  target: z.string().nullable(),
  result: auditResultSchema,
  finishedAt: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'When the result was written (Unix ms); null while pending' }),
  detail: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListQuerySchema = z.object({
  actor: z.string().max(200).optional(),
  action: z.string().max(200).optional().meta({ description: 'Prefix of the action, e.g. `container.`' }),
  target: z.string().max(500).optional(),
  since: z.coerce.number().int().optional(),
  until: z.coerce.number().int().optional(),
  before: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const auditListReplySchema = z.object({ entries: z.array(auditEntrySchema) });
