import { z } from 'zod';
import { boolQuerySchema } from './common.js';
import { logLineSchema } from './logs.js';

// A stack is a folder in the stacks directory; its name is the folder's name and the Compose
// project name, so the grammar is the one thing standing between a request and the file system.
// It admits exactly one path segment: no `.`, `/`, `\`, `%`, NUL, spaces or non-ASCII look-alikes.

/** A stack name: lowercase letters, digits, `-` and `_`, starting with a letter or digit. */
export const STACK_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/** The most characters a stack name may have (a DNS label's length, so it fits everywhere). */
export const STACK_NAME_MAX = 63;

/** The compose file names the stacks directory reads, in the order Compose itself prefers them. */
export const COMPOSE_FILE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
] as const;

/** The largest compose file the panel accepts: 256 KiB. */
export const COMPOSE_MAX_BYTES = 256 * 1024;

/** The largest `.env` file the panel accepts: 64 KiB. */
export const ENV_MAX_BYTES = 64 * 1024;

const utf8Bytes = (s: string) => new TextEncoder().encode(s).byteLength;

/**
 * A stack name, checked before it is ever joined to a path.
 * @example
 * stackNameSchema.parse('media-server'); // ok
 * stackNameSchema.safeParse('../etc').success; // false
 */
export const stackNameSchema = z
  .string({ error: 'a stack name is text, like media-server' })
  .min(1, { error: 'enter a stack name, like media-server', abort: true })
  .max(STACK_NAME_MAX, { error: `a stack name has at most ${STACK_NAME_MAX} characters`, abort: true })
  .regex(
    STACK_NAME_PATTERN,
    'a stack name is lowercase letters, digits, - and _, starting with a letter or digit',
  )
  .meta({ description: 'A stack name: [a-z0-9][a-z0-9_-]*, at most 63 characters' });

/** Which of the four compose file names a stack uses. */
export const composeFileNameSchema = z.enum(COMPOSE_FILE_NAMES);

const composeTextSchema = z
  .string({ error: 'the compose file is text (YAML)' })
  .refine((s) => s.length > 0, 'the compose file is empty; write at least one service')
  .refine(
    (s) => utf8Bytes(s) <= COMPOSE_MAX_BYTES,
    `the compose file is larger than ${COMPOSE_MAX_BYTES / 1024} KiB`,
  );

const envTextSchema = z
  .string({ error: 'the .env file is text (KEY=value lines)' })
  .refine((s) => utf8Bytes(s) <= ENV_MAX_BYTES, `the .env file is larger than ${ENV_MAX_BYTES / 1024} KiB`);

/** Body of create and update: the compose file's text as typed and, optionally, the `.env` text. */
export const stackWriteBodySchema = z.object({
  name: stackNameSchema,
  compose: composeTextSchema,
  /** Absent: leave `.env` as it is; empty: remove it. */
  env: envTextSchema.optional(),
});
export type StackWriteBody = z.infer<typeof stackWriteBodySchema>;

/** A stack's files as they are on disk, byte for byte. */
export const stackFilesSchema = z.object({
  name: stackNameSchema,
  composeFile: composeFileNameSchema,
  compose: z.string(),
  /** The stack's `.env` text, or null when it has none. */
  env: z.string().nullable(),
});
export type StackFiles = z.infer<typeof stackFilesSchema>;

/**
 * A stack's state from its containers' Compose labels: every service running, some of them, none
 * (containers exist but are stopped), or no containers at all.
 */
export const stackStatusSchema = z.enum(['running', 'partly running', 'stopped', 'not deployed']);
export type StackStatus = z.infer<typeof stackStatusSchema>;

export const stackServiceSchema = z.object({
  name: z.string(),
  containers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      state: z.string(),
      image: z.string(),
      /** Published ports, like `127.0.0.1:8080→80/tcp`. */
      ports: z.array(z.string()).optional(),
    }),
  ),
});

export const stackSummarySchema = z.object({
  name: z.string(),
  status: stackStatusSchema,
  /** False for a Compose project found on the host (by its labels) that is not in the stacks directory. */
  managed: z.boolean(),
  /** Where Compose ran it from (its working_dir label), when it has containers. */
  workingDir: z.string().nullable(),
  services: z.array(stackServiceSchema),
  /** Where the stack's files are when it is managed in place (adopted), else null (the stacks directory). */
  location: z.string().nullable().optional(),
});
export type StackSummary = z.infer<typeof stackSummarySchema>;

/** Which Compose the daemon runs, or why none. */
export const composeInfoSchema = z.object({
  kind: z.enum(['plugin', 'standalone']).nullable(),
  version: z.string().nullable(),
  reason: z.string().nullable(),
});

export const stackListReplySchema = z.object({
  compose: composeInfoSchema,
  stacks: z.array(stackSummarySchema),
});
export type StackListReply = z.infer<typeof stackListReplySchema>;

export const stackReplySchema = stackSummarySchema.extend({
  files: stackFilesSchema,
  /** The services the compose file declares (also those without containers yet); empty when it does not parse. */
  declared: z.array(z.string()),
});
export type StackReply = z.infer<typeof stackReplySchema>;

export const stackActionSchema = z.enum(['deploy', 'stop', 'down', 'restart', 'pull']);
export type StackAction = z.infer<typeof stackActionSchema>;

/** A stack named in a path: checked by the same grammar before anything touches the disk. */
export const stackParamsSchema = z.object({
  host: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'host ids are lowercase letters, digits, - and _'),
  name: z.string().max(200),
});
export const stackActionParamsSchema = stackParamsSchema.extend({ action: stackActionSchema });

/** A Compose service name, as Compose itself accepts it. */
export const composeServiceNameSchema = z
  .string()
  .max(200, { error: 'a service name has at most 200 characters', abort: true })
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, 'a service name is letters, digits, ., _ and -');

export const stackServiceParamsSchema = stackParamsSchema.extend({ service: composeServiceNameSchema });

/** A stack's logs (all services merged, or one), from `compose logs`. */
export const stackLogQuerySchema = z.object({
  service: composeServiceNameSchema.optional(),
  tail: z.union([z.literal('all'), z.coerce.number().int().min(0).max(100_000)]).default(200),
  timestamps: boolQuerySchema.default(false),
  follow: boolQuerySchema
    .default(true)
    .meta({ description: 'Stream as server-sent events (`event: log`); false: the tail as JSON' }),
});

/** One line of a stack's merged logs: the container it came from (Compose's prefix) and the text. */
export const stackLogLineSchema = logLineSchema.extend({ source: z.string() });
export type StackLogLine = z.infer<typeof stackLogLineSchema>;
export const stackLogReplySchema = z.object({ lines: z.array(stackLogLineSchema) });

/**
 * Adopt a Compose project started elsewhere: move its folder into the stacks directory, or manage
 * it where it is (its files stay in their folder; deleting the stack then leaves the folder alone).
 */
export const stackAdoptBodySchema = z.object({
  mode: z.enum(['move', 'in-place'], { error: 'mode is move or in-place' }),
});
export type StackAdoptBody = z.infer<typeof stackAdoptBodySchema>;
