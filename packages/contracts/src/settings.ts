import { z } from 'zod';

/** Where app data goes on the host unless an admin chose otherwise: one folder per app under it. */
export const DEFAULT_APP_DATA_ROOT = '/srv/appdata';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * The machine's name: DNS labels (letters, digits, inner hyphens) joined by dots, at most 64
 * characters (Linux's limit); stored lower case, as hostnamectl would.
 */
export const hostnameSchema = z
  .string({ error: 'the hostname is text, like harbourmaster or nas.home' })
  .trim()
  .min(1, 'enter a hostname, like harbourmaster')
  .max(64, 'a hostname has at most 64 characters')
  .refine(
    (s) => s.split('.').every((label) => LABEL.test(label)),
    'a hostname is letters, digits and hyphens (not at the start or end), with dots between parts',
  )
  .transform((s) => s.toLowerCase())
  .meta({ description: 'The machine hostname, e.g. harbourmaster or nas.home' });

/** Whether the runtime knows an IANA time zone (the browser and Node both answer from ICU). */
function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical spelling (`europe/berlin` → `Europe/Berlin`), as timedatectl expects it. */
const canonicalTimeZone = (zone: string) =>
  new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;

/** An IANA time zone such as Europe/Berlin or UTC; stored in its canonical spelling. */
export const timezoneSchema = z
  .string({ error: 'the time zone is text, like Europe/Berlin or UTC' })
  .trim()
  .min(1, 'choose a time zone, like Europe/Berlin or UTC')
  .max(64, 'a time zone name has at most 64 characters')
  // The shape first: nothing but a zone name reaches Intl, and later timedatectl's argv.
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/, 'a time zone looks like Europe/Berlin or UTC')
  .refine(isKnownTimeZone, 'not a time zone we know; pick one from the list, like Europe/Berlin or UTC')
  .transform(canonicalTimeZone)
  .meta({ description: 'An IANA time zone, e.g. Europe/Berlin or UTC' });

/**
 * The app-data root: an absolute host path, normalised (`//`, `/./` and a trailing `/` go) and
 * refused when it climbs with `..` or is `/` itself.
 */
export const appDataRootSchema = z
  .string({ error: 'the app-data folder is text, like /srv/appdata' })
  .trim()
  .min(1, 'enter a folder for app data, like /srv/appdata')
  .max(255, 'the app-data folder has at most 255 characters')
  .refine((s) => s.startsWith('/'), 'the app-data folder is an absolute path: it starts with /')
  .refine((s) => !s.split('/').includes('..'), 'the app-data folder may not contain .. (a step up)')
  // Control characters would make paths that nobody can type or see.
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'the app-data folder may not contain control characters')
  .transform(
    (s) =>
      `/${s
        .split('/')
        .filter((part) => part !== '' && part !== '.')
        .join('/')}`,
  )
  .refine((s) => s !== '/', 'choose a folder for app data, not / itself')
  .meta({
    description: `An absolute host folder under which each app gets its own folder (default ${DEFAULT_APP_DATA_ROOT})`,
  });

/** A public DNS name, e.g. panel.example.com. */
export const domainSchema = z
  .string({ error: 'the domain is text, like panel.example.com' })
  .trim()
  .max(253, 'a domain name has at most 253 characters')
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
    'the domain is a full name like panel.example.com',
  )
  .transform((s) => s.toLowerCase());

/** Where Let's Encrypt writes about the certificate (expiry, problems with the account). */
export const acmeEmailSchema = z
  .email({ error: 'the email is an address like you@example.com' })
  .max(254, 'an email address has at most 254 characters')
  .meta({ description: "Let's Encrypt writes here about expiring certificates" });

export const tlsModeSchema = z
  .enum(['none', 'internal', 'acme'], {
    error: "choose how HTTPS is set up: none, internal (Caddy's own certificate) or acme (Let's Encrypt)",
  })
  .meta({
    description:
      "none: plain HTTP for now; internal: Caddy with its own certificate authority (LAN); acme: Caddy with a Let's Encrypt certificate for a public domain",
  });
export type TlsMode = z.infer<typeof tlsModeSchema>;

/** How HTTPS is set up in front of the daemon. A domain and an email are required for acme. */
export const tlsSettingsSchema = z
  .object({
    mode: tlsModeSchema,
    domain: domainSchema.optional(),
    email: acmeEmailSchema.optional(),
  })
  .superRefine((tls, ctx) => {
    if (tls.mode !== 'acme') return;
    if (!tls.domain)
      ctx.addIssue({
        code: 'custom',
        path: ['domain'],
        message: "Let's Encrypt needs the public domain name that points at this machine",
      });
    if (!tls.email)
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: "Let's Encrypt needs an email address for notices about the certificate",
      });
  })
  // Only what the mode uses is kept: a domain typed before switching back to "none" is not a setting.
  .transform((tls): { mode: TlsMode; domain?: string; email?: string } => {
    switch (tls.mode) {
      case 'none':
        return { mode: tls.mode };
      case 'internal':
        return { mode: tls.mode, ...(tls.domain !== undefined && { domain: tls.domain }) };
      case 'acme':
        return tls;
    }
  });
export type TlsSettings = z.infer<typeof tlsSettingsSchema>;

/** The panel's settings; every key has a value (a default when none was chosen). */
export const settingsReplySchema = z.object({
  hostname: z.string().meta({ description: "The machine's hostname, shown to any signed-in user" }),
  manageHost: z.boolean().meta({
    description:
      'Whether the daemon may change the hostname and time zone (HM_MANAGE_HOST, as the Harbourmaster OS)',
  }),
  appDataRoot: z.string(),
  timezone: z.string().meta({ description: "The chosen time zone, or the machine's when none was chosen" }),
  tls: z.object({
    mode: tlsModeSchema,
    domain: z.string().optional(),
    email: z.string().optional().meta({ description: 'Shown to admins only' }),
  }),
});
export type Settings = z.infer<typeof settingsReplySchema>;

/** A change of settings: any of them, at least one. */
export const settingsUpdateBodySchema = z
  .object({
    appDataRoot: appDataRootSchema.optional(),
    timezone: timezoneSchema.optional(),
    tls: tlsSettingsSchema.optional(),
  })
  .refine((b) => b.appDataRoot !== undefined || b.timezone !== undefined || b.tls !== undefined, {
    message: 'change at least one of appDataRoot, timezone, tls',
  });
export type SettingsUpdateRequest = z.infer<typeof settingsUpdateBodySchema>;

export const hostChangeFieldSchema = z.enum(['hostname', 'timezone']);

/** What was changed on the machine itself (only when the daemon manages it, HM_MANAGE_HOST). */
export const hostChangesSchema = z.object({
  applied: z.array(hostChangeFieldSchema),
  failed: z.array(z.object({ field: hostChangeFieldSchema, message: z.string() })).meta({
    description: 'Changes the machine refused; the settings were kept, the machine was left as it was',
  }),
});
export type HostChanges = z.infer<typeof hostChangesSchema>;

export const settingsUpdateReplySchema = z.object({ settings: settingsReplySchema, host: hostChangesSchema });
export type SettingsUpdateReply = z.infer<typeof settingsUpdateReplySchema>;

/** What the first-boot wizard shows about the machine, before the first admin exists. */
export const setupHostReplySchema = z.object({
  hostname: z.string(),
  timezone: z.string(),
  manageHost: z.boolean().meta({
    description:
      'Whether the daemon may change the hostname and time zone (HM_MANAGE_HOST, as the Harbourmaster OS); otherwise they are shown only',
  }),
  appDataRoot: z.string().meta({ description: 'The default app-data root' }),
});
export type SetupHostReply = z.infer<typeof setupHostReplySchema>;
