import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  containerParamsSchema,
  stackConvertBodySchema,
  stackConvertReplySchema,
} from '@harbourmaster/contracts';
import { badRequest } from '../../http/http-errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { containerCompose } from './convert/container-compose.js';
import { ConvertError } from './convert/convert-error.js';
import { convertDockerRun } from './convert/convert-docker-run.js';

/** The converter: a pasted `docker run` command, or a container as it runs, as a compose file. */
export function registerConvertRoutes(
  app: FastifyInstance,
  deps: { hosts: Pick<HostRegistry, 'engine'> },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/stacks/convert',
    {
      // Reads text and changes nothing, so any signed-in user may, and nothing is audited.
      config: { access: 'viewer' },
      schema: {
        tags: ['stacks'],
        summary:
          'Convert a docker run command into a compose file with one service; the command is read, never run. 400 names the word and position it cannot read',
        body: stackConvertBodySchema,
        response: { 200: stackConvertReplySchema },
      },
    },
    (req) => {
      try {
        return convertDockerRun(req.body.command, { name: req.body.name });
      } catch (err) {
        if (err instanceof ConvertError) throw badRequest(err.message, 'command');
        throw err;
      }
    },
  );

  r.get(
    '/api/hosts/:host/containers/:id/compose',
    {
      // Operator: the file carries the container's environment, secrets included.
      config: { access: 'operator' },
      schema: {
        tags: ['stacks'],
        summary:
          "A container's current configuration as a compose file with one service (save as stack); what only repeats its image's defaults is left out",
        params: containerParamsSchema,
        response: { 200: stackConvertReplySchema },
      },
    },
    (req) => containerCompose(deps.hosts.engine(req.params.host), req.params.id),
  );
}
