import { z } from 'zod';
import { timestampSchema } from './common.js';

// Alerts: every feature's "something happened" goes through one hub, which routes it to channels.

/** Where an alert came from. */
export const alertSourceSchema = z.enum([
  'container',
  'stack',
  'update',
  'monitor',
  'host',
  'metric',
  'log',
  'external',
  'system',
]);
export type AlertSource = z.infer<typeof alertSourceSchema>;

export const alertSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;

/** An alert is firing until the thing comes back (resolved: the recovery message). */
export const alertStatusSchema = z.enum(['firing', 'resolved']);

/** One alert, as channels render it and the history stores it. */
export const alertSchema = z.object({
  id: z.string(),
  /** What makes two alerts "the same" for dedupe and recovery, e.g. `container.crash:local:<id>`. */
  key: z.string(),
  source: alertSourceSchema,
  /** What happened, e.g. `container.died`, `container.oom`, `container.unhealthy`, `container.restart-loop`. */
  kind: z.string(),
  severity: alertSeveritySchema,
  status: alertStatusSchema,
  title: z.string(),
  message: z.string(),
  hostId: z.string().nullable(),
  container: z.object({ id: z.string(), name: z.string() }).nullable(),
  stack: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  /** Exit code, the reason in the engine's words, the last log lines. */
  detail: z.object({
    exitCode: z.number().int().optional(),
    reason: z.string().optional(),
    logTail: z.array(z.string()).optional(),
  }),
  at: timestampSchema,
  /** A link back to the panel, when the daemon knows its public URL. */
  url: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

const httpUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'an http:// or https:// URL');

const secret = (what: string) => z.string().min(1, `enter the ${what}`).max(4096);

/** Each channel type's settings; secrets are write-only (replies show them masked). */
export const channelConfigSchemas = {
  webhook: z.object({
    url: httpUrl,
    /** Extra request headers, e.g. an Authorization header (treated as secret). */
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'a header name'), z.string().max(4096)).optional(),
    /** A JSON body template; `{{alert.title}}`-style placeholders are replaced (JSON-escaped). Absent: the alert as JSON. */
    template: z.string().max(16_384).optional(),
  }),
  telegram: z.object({
    botToken: secret('bot token'),
    chatId: z.string().min(1, 'enter the chat id').max(64),
    baseUrl: httpUrl.default('https://api.telegram.org'),
  }),
  discord: z.object({ webhookUrl: httpUrl }),
  slack: z.object({ webhookUrl: httpUrl }),
  pushover: z.object({
    token: secret('application token'),
    user: secret('user key'),
    baseUrl: httpUrl.default('https://api.pushover.net'),
  }),
  gotify: z.object({ baseUrl: httpUrl, token: secret('application token') }),
  ntfy: z.object({
    baseUrl: httpUrl.default('https://ntfy.sh'),
    topic: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a topic: letters, digits, - and _'),
    token: z.string().max(4096).optional(),
  }),
  email: z.object({
    host: z.string().min(1, 'enter the SMTP host').max(253),
    port: z.number().int().min(1).max(65535).default(587),
    /** implicit TLS (465), STARTTLS when offered (587), or none (loopback relays). */
    security: z.enum(['tls', 'starttls', 'none']).default('starttls'),
    username: z.string().max(256).optional(),
    password: z.string().max(4096).optional(),
    from: z.email('a sender address'),
    to: z.array(z.email('a recipient address')).min(1, 'at least one recipient').max(50),
  }),
} as const;
export type ChannelType = keyof typeof channelConfigSchemas;
export const channelTypeSchema = z.enum(Object.keys(channelConfigSchemas) as [ChannelType, ...ChannelType[]]);

/** The config keys that hold secrets, per type: stored encrypted, never returned. */
export const CHANNEL_SECRET_KEYS: Record<ChannelType, readonly string[]> = {
  webhook: ['url', 'headers'],
  telegram: ['botToken'],
  discord: ['webhookUrl'],
  slack: ['webhookUrl'],
  pushover: ['token', 'user'],
  gotify: ['token'],
  ntfy: ['token'],
  email: ['password'],
};

/** A channel's config with its type, as the senders take it (secrets in the clear, in memory only). */
export type ChannelConfig = {
  [T in ChannelType]: { type: T; config: z.infer<(typeof channelConfigSchemas)[T]> };
}[ChannelType];
