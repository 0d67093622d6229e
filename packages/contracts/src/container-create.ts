import { z } from 'zod';
import { imageRefSchema } from './docker-names.js';

const durationSeconds = z.number().positive().max(86_400);

export const portMappingSchema = z.object({
  containerPort: z.number().int().min(1).max(65535),
  hostPort: z
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .meta({ description: 'Omit to publish on a random port' }),
  hostIp: z.union([z.ipv4(), z.ipv6()]).optional(),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
});

export const mountSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('bind'),
    source: z.string().startsWith('/', 'a bind source is an absolute host path'),
    target: z.string().startsWith('/', 'a mount target is an absolute path'),
    readOnly: z.boolean().default(false),
  }),
  z.object({
    type: z.literal('volume'),
    source: z
      .string()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a volume name')
      .optional()
      .meta({ description: 'Volume name; omit for an anonymous volume' }),
    target: z.string().startsWith('/', 'a mount target is an absolute path'),
    readOnly: z.boolean().default(false),
  }),
]);

export const containerCreateSchema = z.object({
  name: z
    .string()
    .regex(
      /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/,
      'names are letters, digits, _ . - and start with a letter or digit',
    )
    .optional(),
  image: imageRefSchema,
  command: z.array(z.string()).optional(),
  entrypoint: z.array(z.string()).optional(),
  env: z.record(z.string().regex(/^[^=\s]+$/, 'an env name has no = or spaces'), z.string()).default({}),
  ports: z.array(portMappingSchema).default([]),
  mounts: z.array(mountSchema).default([]),
  labels: z.record(z.string(), z.string()).default({}),
  restartPolicy: z
    .object({
      name: z.enum(['no', 'always', 'unless-stopped', 'on-failure']),
      maximumRetryCount: z.number().int().min(0).max(1000).optional(),
    })
    .default({ name: 'no' }),
  healthcheck: z
    .object({
      test: z
        .array(z.string())
        .min(1)
        .meta({ description: 'e.g. ["CMD-SHELL", "wget -q -O- http://127.0.0.1:8080/"]' }),
      intervalSeconds: durationSeconds.optional(),
      timeoutSeconds: durationSeconds.optional(),
      startPeriodSeconds: durationSeconds.optional(),
      retries: z.number().int().min(0).max(100).optional(),
    })
    .optional(),
  network: z.string().min(1).max(128).optional().meta({ description: 'A network name, or host / none' }),
  pidMode: z.enum(['host']).optional(),
  privileged: z.boolean().default(false),
  resources: z
    .object({
      memoryBytes: z
        .number()
        .int()
        .min(6 * 1024 * 1024)
        .optional(),
      cpus: z.number().positive().max(1024).optional(),
      pidsLimit: z.number().int().positive().optional(),
    })
    .default({}),
  tty: z.boolean().default(false),
  workingDir: z.string().optional(),
  user: z.string().optional(),
  start: z.boolean().default(true).meta({ description: 'Start the container once created' }),
  tags: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  confirmDangerous: z
    .boolean()
    .default(false)
    .meta({ description: 'Required for privileged mode, host network or PID, or a mounted Docker socket' }),
});
export type ContainerCreateRequest = z.infer<typeof containerCreateSchema>;

export const containerCreateReplySchema = z.object({
  id: z.string(),
  name: z.string(),
  started: z.boolean(),
  warnings: z.array(z.string()),
});

export const containerCheckReplySchema = z.object({
  problems: z
    .array(z.object({ field: z.string(), message: z.string(), status: z.number().int(), code: z.string() }))
    .meta({
      description:
        'Everything that would stop the create, in the order to fix it; empty when it would go ahead',
    }),
  dangers: z.array(z.string()).meta({ description: 'Options that give the container power over its host' }),
});
