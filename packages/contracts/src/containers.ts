import { z } from 'zod';
import { boolQuerySchema, containerRefSchema, hostIdSchema } from './common.js';

export const containerStateSchema = z.enum([
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
]);
export type ContainerState = z.infer<typeof containerStateSchema>;

export const healthSchema = z.enum(['healthy', 'unhealthy', 'starting']).nullable();

export const portSchema = z.object({
  ip: z.string().nullable(),
  privatePort: z.number().int(),
  publicPort: z.number().int().nullable(),
  protocol: z.string(),
});

export const containerSummarySchema = z.object({
  hostId: z.string(),
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.string(),
  createdAt: z.number().int().meta({ description: 'Unix milliseconds' }),
  state: containerStateSchema,
  status: z.string().meta({ description: "The engine's human status, e.g. 'Up 5 minutes (healthy)'" }),
  health: healthSchema,
  ports: z.array(portSchema),
  labels: z.record(z.string(), z.string()),
  composeProject: z.string().nullable(),
  composeService: z.string().nullable(),
  networkMode: z.string().nullable(),
  tags: z.array(z.string()),
  icon: z.string().nullable().meta({
    description: 'Where to load the container icon from: its URL, or the API path of an uploaded one',
  }),
});
export type ContainerSummary = z.infer<typeof containerSummarySchema>;

export const containerListQuerySchema = z.object({
  host: hostIdSchema.optional(),
  all: boolQuerySchema.default(true).meta({ description: 'Include stopped containers (default true)' }),
  state: containerStateSchema.optional(),
  q: z.string().max(200).optional().meta({ description: 'Substring of the name or image' }),
  label: z.string().max(500).optional().meta({ description: '`key` or `key=value`' }),
  project: z.string().max(200).optional().meta({ description: 'Compose project name' }),
  tag: z.string().max(64).optional(),
});

export const hostErrorSchema = z.object({ hostId: z.string(), message: z.string() });

export const containerListReplySchema = z.object({
  containers: z.array(containerSummarySchema),
  hostErrors: z.array(hostErrorSchema).meta({ description: 'Hosts that could not be listed, and why' }),
});

export const containerParamsSchema = z.object({ host: hostIdSchema, id: containerRefSchema });

export const containerActionSchema = z.enum(['start', 'stop', 'restart', 'kill', 'pause', 'unpause']);
export type ContainerAction = z.infer<typeof containerActionSchema>;

export const containerActionParamsSchema = containerParamsSchema.extend({ action: containerActionSchema });

export const containerRemoveQuerySchema = z.object({
  force: boolQuerySchema.default(false),
  volumes: boolQuerySchema.default(false).meta({ description: 'Also remove anonymous volumes' }),
});

export const bulkActionSchema = z.enum(['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'remove']);
export const bulkRequestSchema = z.object({
  action: bulkActionSchema,
  targets: z
    .array(z.object({ host: hostIdSchema, id: containerRefSchema }))
    .min(1)
    .max(500),
  force: z.boolean().default(false).meta({ description: 'For remove: remove running containers too' }),
});
export const bulkReplySchema = z.object({
  results: z.array(
    z.object({ host: z.string(), id: z.string(), ok: z.boolean(), error: z.string().optional() }),
  ),
});

// The engine's inspect document, typed only in the fields the panel reads. Every level keeps the keys
// it does not name, in the engine's order, so the inspect view shows the document as `docker inspect`
// does (a plain object would strip them when the reply is serialised; a catchall would move them after
// the named ones). Fields are as lenient as engines are: Podman and older Docker versions send null or
// leave out what newer ones fill in. The extra keys are `any`, not `unknown`: the engine's types are
// interfaces, which TypeScript never lets fill an `unknown` index signature; lint's no-unsafe rules
// still flag any read of an unnamed key.
const open = <S extends z.ZodRawShape>(shape: S) =>
  z.intersection(z.record(z.string(), z.any()), z.object(shape));

const healthLogEntrySchema = open({ End: z.string(), ExitCode: z.number(), Output: z.string() });

export const containerInspectSchema = open({
  Id: z.string(),
  Name: z.string(),
  Created: z.string(),
  Image: z.string(),
  RestartCount: z.number(),
  State: open({
    Status: z.string(),
    Running: z.boolean(),
    ExitCode: z.number(),
    OOMKilled: z.boolean(),
    Error: z.string(),
    StartedAt: z.string(),
    FinishedAt: z.string(),
    Health: open({
      Status: z.string(),
      FailingStreak: z.number(),
      Log: z.array(healthLogEntrySchema).nullish(),
    }).nullish(),
  }),
  Config: open({
    Image: z.string(),
    Env: z.array(z.string()).nullable(),
    Cmd: z.array(z.string()).nullable(),
    Entrypoint: z.array(z.string()).nullable(),
    Labels: z.record(z.string(), z.string()).nullable(),
    ExposedPorts: z.record(z.string(), z.unknown()).nullish(),
    Healthcheck: open({ Test: z.array(z.string()).nullish() }).nullish(),
  }),
  HostConfig: open({
    RestartPolicy: open({ Name: z.string(), MaximumRetryCount: z.number().optional() }).nullish(),
    NetworkMode: z.string().nullish(),
  }),
  Mounts: z.array(
    open({
      Type: z.string(),
      Name: z.string().optional(),
      Source: z.string(),
      Destination: z.string(),
      RW: z.boolean(),
    }),
  ),
  NetworkSettings: open({
    Ports: z
      .record(z.string(), z.array(open({ HostIp: z.string(), HostPort: z.string() })).nullable())
      .nullish(),
    Networks: z.record(z.string(), z.unknown()).nullish(),
  }),
}).meta({ description: "The engine's inspect document (secret env values masked for viewers)" });
export type ContainerInspect = z.infer<typeof containerInspectSchema>;

export const containerDetailSchema = z.object({
  hostId: z.string(),
  tags: z.array(z.string()),
  icon: z.string().nullable(),
  imageDigests: z
    .array(z.string())
    .meta({ description: "The image's registry digests (empty for a local-only image)" }),
  inspect: containerInspectSchema,
});
export type ContainerDetail = z.infer<typeof containerDetailSchema>;

export const tagsBodySchema = z.object({
  tags: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(64)
        .regex(/^[^\s,]+$/, 'tags have no spaces or commas'),
    )
    .max(50),
});
export const tagsReplySchema = z.object({ tags: z.array(z.string()) });

export const iconBodySchema = z.object({
  icon: z
    .union([
      z.url({ protocol: /^https?$/ }).max(2048),
      z
        .string()
        .max(400_000, 'an uploaded icon is at most about 290 KB')
        .regex(
          /^data:image\/(png|jpeg|webp|gif|svg\+xml);base64,[A-Za-z0-9+/=]+$/,
          'an image as a base64 data URL (png, jpeg, webp, gif or svg)',
        ),
    ])
    .nullable()
    .meta({ description: 'An http(s) image URL, an uploaded image as a data URL, or null to remove' }),
});
export const iconReplySchema = z.object({ icon: z.string().nullable() });
export const iconParamsSchema = z.object({ host: hostIdSchema, name: containerRefSchema });
