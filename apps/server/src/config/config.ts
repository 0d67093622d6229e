import { z } from 'zod';

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
  /** Trust X-Forwarded-* from a reverse proxy in front (for the client IP and HTTPS detection). */
  HM_TRUST_PROXY: boolFlag.default(false),
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
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  dockerHost: string;
  dockerTls: { verify: boolean; certPath: string | undefined };
  secretKey: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  trustProxy: boolean;
  allowedOrigins: readonly string[];
  sessionTtlMs: number;
  login: Readonly<{ maxFailures: number; lockoutMs: number }>;
  /** Whether the daemon may change the machine's hostname and time zone (HM_MANAGE_HOST). */
  manageHost: boolean;
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
    trustProxy: e.HM_TRUST_PROXY,
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
  });
}
