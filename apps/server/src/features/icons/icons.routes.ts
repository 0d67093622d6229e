import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  containerParamsSchema,
  iconBodySchema,
  iconParamsSchema,
  iconReplySchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import type { ContainerService } from '../containers/container.service.js';
import { notFound } from '../../http/http-errors.js';
import type { IconStore } from './icon-store.js';

export function registerIconRoutes(
  app: FastifyInstance,
  deps: { icons: IconStore; containers: ContainerService; audit: AuditLog },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put(
    '/api/hosts/:host/containers/:id/icon',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['containers'],
        summary: "Set or remove a container's icon (kept by name)",
        params: containerParamsSchema,
        body: iconBodySchema,
        response: { 200: iconReplySchema },
      },
    },
    async (req) => {
      const { host, id } = req.params;
      const { inspect } = await deps.containers.inspect(host, id);
      const name = inspect.Name.replace(/^\//, '');
      const kind = req.body.icon === null ? 'removed' : req.body.icon.startsWith('data:') ? 'upload' : 'url';
      const icon = await audited(
        deps.audit,
        req,
        { action: 'container.icon', hostId: host, target: name, detail: { kind } },
        () => deps.icons.set(host, name, req.body.icon),
      );
      return { icon };
    },
  );

  r.get(
    '/api/hosts/:host/icons/:name',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['containers'],
        summary: 'An uploaded container icon, as an image',
        params: iconParamsSchema,
      },
    },
    async (req, reply) => {
      const icon = await deps.icons.get(req.params.host, req.params.name);
      const m = icon ? /^data:(image\/[a-z+]+);base64,(.*)$/.exec(icon) : null;
      if (!m?.[1] || m[2] === undefined) throw notFound(`no uploaded icon for ${req.params.name}`);
      // SVG can carry script; served as its own document it must not run any.
      return reply
        .header('content-type', m[1])
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400')
        .send(Buffer.from(m[2], 'base64'));
    },
  );
}
