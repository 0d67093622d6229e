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
export const networkCreateBodySchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, 'not a network name'),
    driver: z.enum(['bridge', 'macvlan', 'ipvlan', 'overlay']).default('bridge'),
    internal: z.boolean().default(false),
    attachable: z.boolean().default(false),
    subnet: z.cidrv4().optional(),
    gateway: z.ipv4().optional().meta({ description: 'An address inside the subnet; needs a subnet' }),
    labels: z.record(z.string(), z.string()).default({}),
  })
  .check((ctx) => {
    // The engine answers these with a 500 after allocating, so they are refused here by name.
    const { subnet, gateway } = ctx.value;
    if (gateway === undefined) return;
    if (subnet === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: gateway,
        path: ['gateway'],
        message: 'a gateway needs a subnet',
      });
    } else if (!inSubnet(gateway, subnet)) {
      ctx.issues.push({ code: 'custom', input: gateway, path: ['gateway'], message: `not inside ${subnet}` });
    }
  });

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** Whether an IPv4 address lies inside a CIDR block, e.g. 10.0.0.1 in 10.0.0.0/24. */
function inSubnet(ip: string, cidr: string): boolean {
  const [base = '', bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipv4ToNumber(base) / size) * size;
  const address = ipv4ToNumber(ip);
  return address >= start && address < start + size;
}

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
    .meta({ description: "One of the engine's volume drivers: local, or one a plugin adds" }),
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
