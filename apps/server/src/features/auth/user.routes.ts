import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  okReplySchema,
  userCreateBodySchema,
  userIdParamsSchema,
  userListReplySchema,
  userReplySchema,
  userUpdateBodySchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import { auditActor } from '../audit/audit-actor.js';
import { principalOf } from '../../http/principal.js';
import { sessionOf } from './request-session.js';
import type { UserService } from './user.service.js';

export interface UserRoutesDeps {
  users: Pick<UserService, 'list' | 'get' | 'create' | 'update' | 'delete'>;
  audit: AuditLog;
}

export function registerUserRoutes(app: FastifyInstance, deps: UserRoutesDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { users, audit } = deps;

  r.get(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: { tags: ['users'], summary: 'List users', response: { 200: userListReplySchema } },
    },
    async () => ({ users: await users.list() }),
  );

  r.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        body: userCreateBodySchema,
        response: { 201: userReplySchema },
      },
    },
    async (req, reply) => {
      const { username, role } = req.body;
      const user = await audited(
        audit,
        req,
        { action: 'user.create', target: username, detail: { role } },
        () => users.create(req.body),
      );
      return reply.status(201).send({ user });
    },
  );

  r.patch(
    '/api/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary:
          "Change a user's role, password or disabled state; disabling or a new password ends their sessions, and a new password set for another user revokes their API tokens",
        params: userIdParamsSchema,
        body: userUpdateBodySchema,
        response: { 200: userReplySchema },
      },
    },
    async (req) => {
      const { id } = req.params;
      const { role, disabled, password } = req.body;
      const target = (await users.get(id)).username;
      const detail = { id, role, disabled, passwordChanged: password !== undefined };
      const caller = { userId: principalOf(req).userId, sessionId: sessionOf(req)?.sessionId };
      const { user, revokedTokens } = await audited(
        audit,
        req,
        { action: 'user.update', target, detail },
        () => users.update(id, req.body, caller),
      );
      for (const token of revokedTokens) {
        await audit.record({
          actor: auditActor(req),
          action: 'token.delete',
          target: token.name,
          result: 'ok',
          detail: { id: token.id, owner: target, reason: 'password reset' },
        });
      }
      return { user };
    },
  );

  r.delete(
    '/api/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Delete a user, end their sessions and revoke the API tokens they made',
        params: userIdParamsSchema,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      const { id } = req.params;
      const target = (await users.get(id)).username;
      await audited(audit, req, { action: 'user.delete', target, detail: { id } }, () => users.delete(id));
      return { ok: true as const };
    },
  );
}
