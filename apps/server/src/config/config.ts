import { z } from 'zod';
import { trustedProxyProblem } from '../http/trusted-proxies.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const boolFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  HM_PORT: z.coerce.number().int().min(0).max(65535).default(9090),
  HM_HOST: z.string().min(1).default('127.0.0.1'),
  HM_DATA_DIR: z.string().min(1).default('./data'),
  DOCKER_HOST: z
    .string()
    .regex(/^(unix|tcp|https?):\/\//, 'must start with unix://, tcp://, http:// or https://')
    .default('unix:///var/run/docker.sock'),
  DOCKER_TLS_VERIFY: boolFlag.optional(),
  DOCKER_CERT_PATH: z.string().min(1).optional(),
  HM_SECRET_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'must be 32 bytes as 64 hex characters or base64')
    .optional(),
  HM_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /**
   * Trust X-Forwarded-* (client IP, HTTPS) from a reverse proxy in front: `true` from any peer,
   * `false`, or a comma-separated list of the proxy's addresses and ranges (`loopback`, `10.0.0.0/8`).
   */
  HM_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): boolean | string[] => {
      const flag = boolFlag.safeParse(v.trim().toLowerCase());
      if (flag.success) return flag.data;
      const entries = v
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean);
      for (const entry of entries) {
        const problem = trustedProxyProblem(entry);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
      return entries;
    }),
  /** Extra origins allowed to open WebSockets, comma separated (same origin is always allowed). */
  HM_ALLOWED_ORIGINS: z.string().default(''),
  HM_SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24 * 7),
  HM_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  HM_LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  /**
   * The daemon may change the machine's hostname and time zone (hostnamectl, timedatectl): only
   * when it runs as the Harbourmaster OS, never on someone's own server or in a container.
   */
  HM_MANAGE_HOST: boolFlag.default(false),
  /**
   * How container metrics are read on the local engine's host: `auto` (the cgroup files when the
   * daemon can see them, else the engine's stats), `cgroup` or `engine-stats`.
   */
  HM_METRICS_SAMPLER: z.enum(['auto', 'cgroup', 'engine-stats']).default('auto'),
  /** The host's /proc and cgroup mount, for a daemon in a container given them at other paths. */
  HM_PROC_ROOT: z.string().startsWith('/', 'must be an absolute path').default('/proc'),
  HM_CGROUP_ROOT: z.string().startsWith('/', 'must be an absolute path').default('/sys/fs/cgroup'),
  /** One folder per stack (compose file and .env); default `<data dir>/stacks`. */
  HM_STACKS_DIR: z.string().min(1).optional(),
  /** The panel's address as people reach it (https://harbour.example.net): alerts link back to it. */
  HM_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'must be an http:// or https:// URL, like https://harbour.example.net',
    })
    .optional(),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  dockerHost: string;
  dockerTls: { verify: boolean; certPath: string | undefined };
  secretKey: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Who may set X-Forwarded-*: everyone, no one, or these addresses and ranges. */
  trustProxy: boolean | readonly string[];
  allowedOrigins: readonly string[];
  sessionTtlMs: number;
  login: Readonly<{ maxFailures: number; lockoutMs: number }>;
  /** Whether the daemon may change the machine's hostname and time zone (HM_MANAGE_HOST). */
  manageHost: boolean;
  metrics: Readonly<{ sampler: 'auto' | 'cgroup' | 'engine-stats'; procRoot: string; cgroupRoot: string }>;
  /** Where stacks live: HM_STACKS_DIR, or `stacks` in the data dir. */
  stacksDir: string;
  /** The panel's public address without a trailing slash (HM_PUBLIC_URL), or null: alerts then carry no link. */
  publicUrl: string | null;
}>;

/** A bad environment variable; the message names it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the environment once into a frozen config. Throws `ConfigError` naming every bad variable.
 * @example loadConfig({ HM_PORT: '8080' }).port === 8080
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.HM_PORT,
    host: e.HM_HOST,
    dataDir: e.HM_DATA_DIR,
    dockerHost: e.DOCKER_HOST,
    dockerTls: Object.freeze({ verify: e.DOCKER_TLS_VERIFY ?? false, certPath: e.DOCKER_CERT_PATH }),
    secretKey: e.HM_SECRET_KEY,
    logLevel: e.HM_LOG_LEVEL,
    trustProxy: Array.isArray(e.HM_TRUST_PROXY) ? Object.freeze(e.HM_TRUST_PROXY) : e.HM_TRUST_PROXY,
    allowedOrigins: Object.freeze(
      e.HM_ALLOWED_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    sessionTtlMs: e.HM_SESSION_TTL_HOURS * 3600_000,
    login: Object.freeze({
      maxFailures: e.HM_LOGIN_MAX_FAILURES,
      lockoutMs: e.HM_LOGIN_LOCKOUT_SECONDS * 1000,
    }),
    manageHost: e.HM_MANAGE_HOST,
    metrics: Object.freeze({
      sampler: e.HM_METRICS_SAMPLER,
      procRoot: e.HM_PROC_ROOT,
      cgroupRoot: e.HM_CGROUP_ROOT,
    }),
    stacksDir: e.HM_STACKS_DIR ?? `${e.HM_DATA_DIR.replace(/\/+$/, '')}/stacks`,
    publicUrl: e.HM_PUBLIC_URL ? e.HM_PUBLIC_URL.replace(/\/+$/, '') : null,
  });
}
