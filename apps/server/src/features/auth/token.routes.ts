import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  okReplySchema,
  tokenCreateBodySchema,
  tokenCreateReplySchema,
  tokenIdParamsSchema,
  tokenListReplySchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import { notFound } from '../../http/http-errors.js';
import { principalOf } from '../../http/principal.js';
import type { ApiTokenStore } from './token-store.js';

export interface TokenRoutesDeps {
  tokens: Pick<ApiTokenStore, 'create' | 'list' | 'get' | 'delete'>;
  audit: AuditLog;
}

export function registerTokenRoutes(app: FastifyInstance, deps: TokenRoutesDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { tokens, audit } = deps;

  r.post(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; its value is in this reply only and is never shown again',
        body: tokenCreateBodySchema,
        response: { 201: tokenCreateReplySchema },
      },
    },
    async (req, reply) => {
      const { name, role, expiresInDays } = req.body;
      const created = await audited(
        audit,
        req,
        {
          action: 'token.create',
          target: name,
          detail: { name, role, expiresInDays: expiresInDays ?? null },
        },
        () => tokens.create({ name, role, expiresInDays, createdBy: principalOf(req).userId }),
      );
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['tokens'],
        summary: 'List API tokens (never their values)',
        response: { 200: tokenListReplySchema },
      },
    },
    async () => ({ tokens: await tokens.list() }),
  );

  r.delete(
    '/api/tokens/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        params: tokenIdParamsSchema,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      const { id } = req.params;
      const existing = await tokens.get(id);
      if (!existing) throw notFound(`no API token ${id}`);
      await audited(
        audit,
        req,
        { action: 'token.delete', target: existing.name, detail: { id, role: existing.role } },
        () => tokens.delete(id),
      );
      return { ok: true as const };
    },
  );
}
