import { z } from 'zod';

/** The longest `docker run` command the converter reads: 16 KiB of UTF-8. */
export const STACK_CONVERT_COMMAND_MAX_BYTES = 16 * 1024;

const utf8Bytes = (s: string) => new TextEncoder().encode(s).byteLength;

// The same grammar Compose gives service names; kept private so it cannot collide with another
// export of the package.
const serviceNameSchema = z
  .string({ error: 'a service name is text, like web' })
  .min(1, { error: 'a service name cannot be empty; leave it out to take the container name', abort: true })
  .max(200, { error: 'a service name has at most 200 characters', abort: true })
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, 'a service name is letters, digits, ., _ and -, like web');

/** Body of the converter: one pasted `docker run` command and, optionally, the service's name. */
export const stackConvertBodySchema = z.object({
  command: z
    .string({ error: 'the command is text, like docker run -d -p 8080:80 nginx' })
    .min(1, { error: 'paste a docker run command, like docker run -d -p 8080:80 nginx', abort: true })
    .refine(
      (s) => utf8Bytes(s) <= STACK_CONVERT_COMMAND_MAX_BYTES,
      `the command is longer than ${STACK_CONVERT_COMMAND_MAX_BYTES / 1024} KiB; paste one docker run command`,
    )
    .meta({
      description:
        'One `docker run` (or `docker container run`, `docker create`, `podman run`) command as typed in a shell, line continuations included; it is read, never run',
    }),
  name: serviceNameSchema.optional().meta({
    description: "The service's name; by default the container's --name, else the image's name",
  }),
});
/** What the converter is asked: the command and, optionally, the service's name. */
export type StackConvertBody = z.infer<typeof stackConvertBodySchema>;

/** A compose file with one service, made from a `docker run` command or a container's configuration. */
export const stackConvertReplySchema = z.object({
  compose: z.string().meta({ description: 'The compose file (YAML) with the one service' }),
  service: z.string().meta({ description: "The service's name in it" }),
  warnings: z.array(z.string()).meta({
    description: 'What did not carry over as it was, or needs a look before deploying, in plain words',
  }),
});
/** What the converter answers: the compose file, the service's name in it, and warnings. */
export type StackConvertReply = z.infer<typeof stackConvertReplySchema>;
