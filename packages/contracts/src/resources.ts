import { z } from 'zod';
import { boolQuerySchema, hostIdSchema } from './common.js';
import { imageRefSchema, networkRefSchema, volumeNameSchema } from './docker-names.js';

export const hostParamsSchema = z.object({ host: hostIdSchema });

export const imageSchema = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  digests: z.array(z.string()),
  createdAt: z.number().int(),
  size: z.number(),
  inUse: z.boolean().meta({ description: 'A container (running or not) uses it' }),
});
export const imageListReplySchema = z.object({ images: z.array(imageSchema) });
export const imagePullBodySchema = z.object({ image: imageRefSchema });
export const imageRefParamsSchema = z.object({
  host: hostIdSchema,
  id: imageRefSchema.meta({ description: 'An image id or reference, URL-encoded (`/` as %2F)' }),
});

export const networkSchema = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  internal: z.boolean(),
  attachable: z.boolean(),
  subnets: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  builtIn: z.boolean(),
  containers: z.number().int(),
});
export const networkListReplySchema = z.object({ networks: z.array(networkSchema) });
export const networkCreateBodySchema = z.object({
  name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, 'not a network name'),
  driver: z.enum(['bridge', 'macvlan', 'ipvlan', 'overlay']).default('bridge'),
  internal: z.boolean().default(false),
  attachable: z.boolean().default(false),
  subnet: z.cidrv4().optional(),
  gateway: z.ipv4().optional(),
  labels: z.record(z.string(), z.string()).default({}),
});

export const volumeSchema = z.object({
  name: z.string(),
  driver: z.string(),
  mountpoint: z.string(),
  createdAt: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  anonymous: z.boolean(),
  inUse: z.boolean(),
});
export const volumeListReplySchema = z.object({ volumes: z.array(volumeSchema) });
export const volumeCreateBodySchema = z.object({
  name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,127}$/, 'not a volume name'),
  driver: z
    .string()
    .max(255, { abort: true })
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_./:-]*$/, 'not a driver name')
    .default('local')
    .meta({ description: "One of the engine's volume drivers (GET /api/hosts/{host} info lists them)" }),
  labels: z.record(z.string(), z.string()).default({}),
});
export const networkParamsSchema = z.object({ host: hostIdSchema, id: networkRefSchema });
export const volumeParamsSchema = z.object({ host: hostIdSchema, id: volumeNameSchema });

export const pruneQuerySchema = z.object({
  dryRun: boolQuerySchema.default(false),
  all: boolQuerySchema
    .default(false)
    .meta({ description: 'Volumes: include unused named volumes, not only anonymous ones' }),
});
export const pruneReplySchema = z.object({
  dryRun: z.boolean(),
  items: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .meta({ description: 'What goes (or would go)' }),
  removed: z.array(z.string()),
  errors: z.array(z.object({ name: z.string(), message: z.string() })),
});

export const forceQuerySchema = z.object({
  force: boolQuerySchema.default(false).meta({ description: 'Remove even when in use' }),
});
