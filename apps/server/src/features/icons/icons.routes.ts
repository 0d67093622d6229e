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
import { acceptIcon, dataUrlBytes, toDataUrl, type IconImage } from './icon-image.js';

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
      const input = req.body.icon;
      const upload = input === null ? null : dataUrlBytes(input);
      // An upload is kept as what its bytes are (an SVG as its sanitised copy), whatever it claimed to be.
      const accepted = upload ? acceptIcon(upload) : null;
      const detail = accepted ? { kind: 'upload', type: accepted.type } : { kind: input ? 'url' : 'removed' };
      const icon = await audited(
        deps.audit,
        req,
        { action: 'container.icon', hostId: host, target: name, detail },
        () => deps.icons.set(host, name, accepted ? toDataUrl(accepted) : input),
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
      const stored = await deps.icons.get(req.params.host, req.params.name);
      const bytes = stored ? dataUrlBytes(stored) : null;
      if (!bytes) throw notFound(`no uploaded icon for ${req.params.name}`);
      // Checked again on the way out, so an icon stored before uploads were checked is never served
      // as something it is not.
      let image: IconImage;
      try {
        image = acceptIcon(bytes);
      } catch {
        throw notFound(`the stored icon for ${req.params.name} is not a safe image; upload it again`);
      }
      // SVG can carry script; served as its own document it must not run any.
      return reply
        .header('content-type', image.type)
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400')
        .send(image.bytes);
    },
  );
}
