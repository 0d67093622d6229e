import { z } from 'zod';
import { timestampSchema } from './common.js';
import { timezoneSchema } from './settings.js';

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

// ---- Channels, rules, history: the API's bodies and replies ----

export const channelIdParamsSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a channel id'),
});
export const ruleIdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a rule id') });
export const alertIdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an alert id') });

const channelName = z.string().trim().min(1, 'enter a name').max(100, 'a name has at most 100 characters');

/**
 * A channel as created or replaced: `{ name, type, config }`. On update, a secret left out (or
 * sent as the mask) keeps its stored value, so the panel never needs to see it.
 */
export const channelBodySchema = z.object({
  name: channelName,
  type: channelTypeSchema,
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean().default(true),
});
export type ChannelBody = z.input<typeof channelBodySchema>;

/** What a secret looks like in a reply. */
export const SECRET_MASK = '••••••••';

export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: channelTypeSchema,
  /** The settings with every secret replaced by the mask. */
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  /** ok: the last send worked (or none yet); failing: the last sends failed, since `failingSince`. */
  health: z.enum(['ok', 'failing']),
  lastError: z.string().nullable(),
  failingSince: timestampSchema.nullable(),
  lastSentAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
});
export type Channel = z.infer<typeof channelSchema>;
export const channelListReplySchema = z.object({ channels: z.array(channelSchema) });

export const channelTestReplySchema = z.object({
  ok: z.boolean(),
  /** The channel's own error when it failed. */
  error: z.string().nullable(),
  ms: z.number(),
});

/** What a rule matches; every field given must match, an empty match takes every alert. */
export const alertMatchSchema = z.object({
  sources: z.array(alertSourceSchema).optional(),
  /** The lowest severity that matches. */
  minSeverity: alertSeveritySchema.optional(),
  hosts: z.array(z.string().max(64)).max(100).optional(),
  stacks: z.array(z.string().max(100)).max(100).optional(),
  /** Container tags (the panel's tags). */
  tags: z.array(z.string().max(64)).max(100).optional(),
  /** Container labels: `key` or `key=value`. */
  labels: z.array(z.string().max(512)).max(100).optional(),
  kinds: z.array(z.string().max(100)).max(100).optional(),
});
export type AlertMatch = z.infer<typeof alertMatchSchema>;

export const ruleBodySchema = z.object({
  name: channelName,
  channelIds: z.array(z.string().max(64)).min(1, 'choose at least one channel').max(20),
  match: alertMatchSchema.default({}),
  /** Seconds during which this rule sends an alert of one key only once. */
  cooldownSeconds: z.number().int().min(0).max(86_400).default(0),
  /** Also send the recovery message when the alert resolves. */
  sendResolved: z.boolean().default(true),
  enabled: z.boolean().default(true),
});
export type RuleBody = z.input<typeof ruleBodySchema>;
export const ruleSchema = z.object({
  id: z.string(),
  name: z.string(),
  channelIds: z.array(z.string()),
  match: alertMatchSchema,
  cooldownSeconds: z.number(),
  sendResolved: z.boolean(),
  enabled: z.boolean(),
  createdAt: timestampSchema,
});
export type Rule = z.infer<typeof ruleSchema>;
export const ruleListReplySchema = z.object({ rules: z.array(ruleSchema) });

/** How one alert reached (or did not reach) one channel. */
export const deliverySchema = z.object({
  channelId: z.string(),
  channelName: z.string(),
  state: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  sentAt: timestampSchema.nullable(),
});

export const alertHistoryItemSchema = alertSchema.extend({
  /** How many identical alerts the dedupe window folded into this one. */
  repeats: z.number().int(),
  ackedAt: timestampSchema.nullable(),
  ackedBy: z.string().nullable(),
  /** Why it was not sent, when it was not: a maintenance window, no matching rule. */
  muted: z.string().nullable(),
  deliveries: z.array(deliverySchema),
});
export type AlertHistoryItem = z.infer<typeof alertHistoryItemSchema>;

export const alertListQuerySchema = z.object({
  source: alertSourceSchema.optional(),
  severity: alertSeveritySchema.optional(),
  status: alertStatusSchema.optional(),
  host: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
  acked: z.enum(['true', 'false']).optional(),
  /** Alerts before this time (paging back). */
  before: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const alertListReplySchema = z.object({ alerts: z.array(alertHistoryItemSchema) });

/** An alert sent in by another tool (`POST /api/alerts/events`, with an API token). */
export const inboundAlertBodySchema = z.object({
  title: z.string().trim().min(1, 'enter a title').max(300),
  message: z.string().max(8_000).default(''),
  severity: alertSeveritySchema.default('warning'),
  status: alertStatusSchema.default('firing'),
  /** Alerts with one key are deduplicated and resolved together; default: derived from the title. */
  key: z.string().max(200).optional(),
  hostId: z.string().max(64).optional(),
  stack: z.string().max(100).optional(),
  labels: z.record(z.string().max(100), z.string().max(500)).optional(),
  url: z.string().max(2048).optional(),
});
export const inboundAlertReplySchema = z.object({ id: z.string(), deduplicated: z.boolean() });

/** What a feature raises into the hub: an alert without the id and time the hub gives it. */
export type AlertInput = Omit<Alert, 'id' | 'at' | 'url'> & { at?: number; url?: string | null };

// ---- Maintenance windows: alerts in their scope are recorded but not sent ----

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 02:30 (24-hour)');

/** When a window mutes: once (from/to), or every week on some days between two clock times. */
export const maintenanceScheduleSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('once'), start: timestampSchema, end: timestampSchema })
    .refine((s) => s.end > s.start, { message: 'the end comes after the start', path: ['end'] }),
  z.object({
    kind: z.literal('weekly'),
    /** 0 = Sunday … 6 = Saturday. */
    days: z.array(z.number().int().min(0).max(6)).min(1, 'choose at least one day').max(7),
    from: clockTime,
    /** Earlier than `from`: the window runs past midnight into the next day. */
    to: clockTime,
    timezone: timezoneSchema.default('UTC'),
  }),
]);
export type MaintenanceSchedule = z.infer<typeof maintenanceScheduleSchema>;

export const maintenanceBodySchema = z.object({
  name: channelName,
  /** Which alerts it mutes (the rules' match; empty: all). */
  match: alertMatchSchema.default({}),
  schedule: maintenanceScheduleSchema,
  enabled: z.boolean().default(true),
});
export type MaintenanceBody = z.input<typeof maintenanceBodySchema>;
export const maintenanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  match: alertMatchSchema,
  schedule: maintenanceScheduleSchema,
  enabled: z.boolean(),
  /** Whether it mutes right now. */
  active: z.boolean(),
  createdAt: timestampSchema,
});
export type Maintenance = z.infer<typeof maintenanceSchema>;
export const maintenanceListReplySchema = z.object({ windows: z.array(maintenanceSchema) });
export const maintenanceIdParamsSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a maintenance window id'),
});

// ---- Threshold rules over metrics ----

export const thresholdMetricSchema = z.enum([
  /** Containers: CPU in cores. */
  'container.cpu',
  /** Containers: memory in bytes. */
  'container.memory',
  /** Containers: memory as % of the container's limit (only containers with a limit). */
  'container.memoryPercent',
  'host.cpuPercent',
  'host.memoryPercent',
  'host.dataDiskPercent',
  'host.dockerDiskPercent',
]);
export type ThresholdMetric = z.infer<typeof thresholdMetricSchema>;

export const thresholdBodySchema = z.object({
  name: channelName,
  metric: thresholdMetricSchema,
  /** Fires when the value stays above this… */
  above: z.number().min(0).max(1e15),
  /** …for this long (0: at the first sample above). */
  forSeconds: z.number().int().min(0).max(86_400).default(300),
  /** Which containers or hosts (hosts, stacks, labels, kinds ignored for host metrics except hosts). */
  match: z
    .object({
      hosts: z.array(z.string().max(64)).max(100).optional(),
      /** Container names. */
      containers: z.array(z.string().max(200)).max(100).optional(),
      stacks: z.array(z.string().max(100)).max(100).optional(),
      labels: z.array(z.string().max(512)).max(100).optional(),
    })
    .default({}),
  severity: alertSeveritySchema.default('warning'),
  enabled: z.boolean().default(true),
});
export type ThresholdBody = z.input<typeof thresholdBodySchema>;
export const thresholdSchema = thresholdBodySchema.extend({
  id: z.string(),
  forSeconds: z.number(),
  match: z.object({
    hosts: z.array(z.string()).optional(),
    containers: z.array(z.string()).optional(),
    stacks: z.array(z.string()).optional(),
    labels: z.array(z.string()).optional(),
  }),
  severity: alertSeveritySchema,
  enabled: z.boolean(),
  createdAt: timestampSchema,
});
export type Threshold = z.infer<typeof thresholdSchema>;
export const thresholdListReplySchema = z.object({ thresholds: z.array(thresholdSchema) });
export const thresholdIdParamsSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a threshold id'),
});

// ---- Log-pattern rules: a regular expression over chosen containers' live logs ----

export const LOG_PATTERN_MAX = 200;

export const logRuleBodySchema = z.object({
  name: channelName,
  /** A JavaScript regular expression; nested repetition (exponential time) is refused. */
  pattern: z
    .string()
    .min(1, 'enter a pattern')
    .max(LOG_PATTERN_MAX, `a pattern has at most ${LOG_PATTERN_MAX} characters`),
  ignoreCase: z.boolean().default(false),
  /** Opt-in: only the containers this names are followed (at least one of containers or stacks). */
  match: z
    .object({
      hosts: z.array(z.string().max(64)).max(100).optional(),
      containers: z.array(z.string().max(200)).max(100).optional(),
      stacks: z.array(z.string().max(100)).max(100).optional(),
    })
    .refine((m) => (m.containers?.length ?? 0) + (m.stacks?.length ?? 0) > 0, {
      message: 'name the containers or stacks whose logs to watch',
      path: ['containers'],
    }),
  severity: alertSeveritySchema.default('warning'),
  enabled: z.boolean().default(true),
});
export type LogRuleBody = z.input<typeof logRuleBodySchema>;
export const logRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  pattern: z.string(),
  ignoreCase: z.boolean(),
  match: z.object({
    hosts: z.array(z.string()).optional(),
    containers: z.array(z.string()).optional(),
    stacks: z.array(z.string()).optional(),
  }),
  severity: alertSeveritySchema,
  enabled: z.boolean(),
  createdAt: timestampSchema,
});
export type LogRule = z.infer<typeof logRuleSchema>;
export const logRuleListReplySchema = z.object({ rules: z.array(logRuleSchema) });
export const logRuleIdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a rule id') });
