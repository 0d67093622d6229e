import { z } from 'zod';
import type { jobSchema } from './jobs.js';
import type { MetricsLive } from './metrics.js';

/**
 * Topics of the one WebSocket (/api/ws). `job:<id>` follows one job; `metrics:<host>` a host's own
 * live metrics and `metrics:<host>:<container id>` one container's (the panel subscribes to the rows
 * it shows); the others are feeds. `audit` is for admins only.
 */
export const topicSchema = z.union([
  z.enum(['containers', 'hosts', 'jobs', 'engine-events', 'audit', 'alerts']),
  z.string().regex(/^job:[0-9a-f-]{36}$/),
  z.string().regex(/^metrics:[a-z0-9][a-z0-9_-]{0,62}(?::[0-9a-f]{64})?$/),
]);
export type Topic = z.infer<typeof topicSchema>;

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topics: z.array(topicSchema).min(1).max(50) }),
  z.object({ type: z.literal('unsubscribe'), topics: z.array(topicSchema).min(1).max(50) }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export const containerStateEventSchema = z.object({
  hostId: z.string(),
  containerId: z.string(),
  name: z.string(),
  action: z.string(),
  state: z.string(),
  at: z.number().meta({ description: 'Engine time of the event, unix ms' }),
});

export const hostStatusEventSchema = z.object({
  hostId: z.string(),
  reachable: z.boolean(),
  error: z.string().nullable(),
});

export const engineEventMessageSchema = z.object({
  hostId: z.string(),
  type: z.string(),
  action: z.string(),
  actorId: z.string(),
  attributes: z.record(z.string(), z.string()),
  at: z.number(),
});

export const auditEventSchema = z.object({
  id: z.number(),
  action: z.string(),
  actor: z.string(),
  target: z.string().nullable(),
  result: z.string(),
  ts: z.number(),
});

/** An alert was recorded (or an identical one folded into it): the history has something new. */
export const alertEventSchema = z.object({
  id: z.string(),
  key: z.string(),
  status: z.enum(['firing', 'resolved']),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  deduplicated: z.boolean(),
  at: z.number(),
});

/** Every message the server sends on /api/ws. */
export type ServerMessage =
  | { type: 'subscribed'; topics: Topic[] }
  | { type: 'error'; message: string }
  | { type: 'pong' }
  | { type: 'event'; topic: 'containers'; data: z.infer<typeof containerStateEventSchema> }
  | { type: 'event'; topic: 'hosts'; data: z.infer<typeof hostStatusEventSchema> }
  | { type: 'event'; topic: 'engine-events'; data: z.infer<typeof engineEventMessageSchema> }
  | { type: 'event'; topic: 'audit'; data: z.infer<typeof auditEventSchema> }
  | { type: 'event'; topic: 'metrics'; data: MetricsLive }
  | { type: 'event'; topic: 'alerts'; data: z.infer<typeof alertEventSchema> }
  | { type: 'event'; topic: 'jobs' | `job:${string}`; data: z.infer<typeof jobSchema> };

/** Messages a client sends on the exec WebSocket (text frames); raw output comes back as binary frames. */
export const execClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('input'), data: z.string().max(65536) }),
  z.object({
    type: z.literal('resize'),
    cols: z.number().int().min(1).max(1000),
    rows: z.number().int().min(1).max(1000),
  }),
]);
export type ExecClientMessage = z.infer<typeof execClientMessageSchema>;

/** The exec WebSocket's last text message before it closes. */
export type ExecServerMessage = { type: 'exit'; code: number | null } | { type: 'error'; message: string };
