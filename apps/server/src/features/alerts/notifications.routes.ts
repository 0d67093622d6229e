import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  channelBodySchema,
  channelIdParamsSchema,
  channelListReplySchema,
  channelSchema,
  channelTestReplySchema,
  okReplySchema,
  ruleBodySchema,
  ruleIdParamsSchema,
  ruleListReplySchema,
  ruleSchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import { badRequest, notFound } from '../../http/http-errors.js';
import { ChannelConfigError } from './channel-secrets.js';
import type { ChannelStore } from './channel-store.js';
import type { RuleStore } from './rule-store.js';

export interface NotificationRoutesDeps {
  channels: ChannelStore;
  rules: RuleStore;
  audit: AuditLog;
  /** Sends a test alert through a stored channel now; the channel's own error when it fails. */
  test(channelId: string): Promise<{ ok: boolean; error: string | null; ms: number } | null>;
}

/** A config the channel's type refuses, as a 400 naming the field. */
function asBadRequest<T>(call: Promise<T>): Promise<T> {
  return call.catch((err: unknown) =>
    Promise.reject(
      err instanceof ChannelConfigError
        ? badRequest(err.message, err.field)
        : err instanceof Error
          ? err
          : new Error(String(err)),
    ),
  );
}

/** Channels and routing rules: admins configure them (they hold secrets and decide who is woken). */
export function registerNotificationRoutes(app: FastifyInstance, deps: NotificationRoutesDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { channels, rules, audit } = deps;
  const admin = { access: 'admin' as const };

  r.get(
    '/api/notifications/channels',
    {
      config: admin,
      schema: {
        tags: ['alerts'],
        summary: 'Notification channels, secrets masked, with whether their last sends failed',
        response: { 200: channelListReplySchema },
      },
    },
    async () => ({ channels: await channels.list() }),
  );

  r.post(
    '/api/notifications/channels',
    {
      config: admin,
      schema: {
        tags: ['alerts'],
        summary:
          'Add a channel `{ name, type, config }`; its secrets are stored encrypted and never returned',
        body: channelBodySchema,
        response: { 201: channelSchema },
      },
    },
    async (req, reply) => {
      const created = await audited(
        audit,
        req,
        { action: 'channel.create', target: req.body.name, detail: { type: req.body.type } },
        () => asBadRequest(channels.create(req.body)),
      );
      return reply.status(201).send(created);
    },
  );

  r.put(
    '/api/notifications/channels/:id',
    {
      config: admin,
      schema: {
        tags: ['alerts'],
        summary: 'Replace a channel; a secret left out or sent masked keeps its stored value',
        params: channelIdParamsSchema,
        body: channelBodySchema,
        response: { 200: channelSchema },
      },
    },
    (req) =>
      audited(
        audit,
        req,
        { action: 'channel.update', target: req.params.id, detail: { name: req.body.name } },
        async () => {
          const updated = await asBadRequest(channels.update(req.params.id, req.body));
          if (!updated) throw notFound(`no channel ${req.params.id}`);
          return updated;
        },
      ),
  );

  r.delete(
    '/api/notifications/channels/:id',
    {
      config: admin,
      schema: {
        tags: ['alerts'],
        summary: 'Delete a channel: the rules stop naming it, queued deliveries to it fail as deleted',
        params: channelIdParamsSchema,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      await audited(audit, req, { action: 'channel.delete', target: req.params.id }, async () => {
        if (!(await channels.remove(req.params.id))) throw notFound(`no channel ${req.params.id}`);
        await rules.dropChannel(req.params.id);
      });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/notifications/channels/:id/test',
    {
      config: admin,
      schema: {
        tags: ['alerts'],
        summary: "Send a test alert through the channel now; a failure says the channel's own error",
        params: channelIdParamsSchema,
        response: { 200: channelTestReplySchema },
      },
    },
    (req) =>
      audited(audit, req, { action: 'channel.test', target: req.params.id }, async () => {
        const result = await deps.test(req.params.id);
        if (!result) throw notFound(`no channel ${req.params.id}`);
        return result;
      }),
  );

  r.get(
    '/api/notifications/rules',
    {
      config: admin,
      schema: { tags: ['alerts'], summary: 'Routing rules', response: { 200: ruleListReplySchema } },
    },
    async () => ({ rules: await rules.list() }),
  );

  /** 400 naming the first channel id that does not exist. */
  const checkChannels = async (ids: readonly string[]) => {
    for (const [i, id] of ids.entries())
      if (!(await channels.get(id))) throw badRequest(`there is no channel ${id}`, `channelIds.${i}`);
  };

  r.post(
    '/api/notifications/rules',
    {
      config: admin,
      schema: {
        tags: ['alerts'],
        summary:
          'Add a rule `{ name, channelIds, match }`: alerts it matches go to those channels (an empty match takes all)',
        body: ruleBodySchema,
        response: { 201: ruleSchema },
      },
    },
    async (req, reply) => {
      await checkChannels(req.body.channelIds);
      const created = await audited(audit, req, { action: 'rule.create', target: req.body.name }, () =>
        rules.create(req.body),
      );
      return reply.status(201).send(created);
    },
  );

  r.put(
    '/api/notifications/rules/:id',
    {
      config: admin,
      schema: {
        tags: ['alerts'],
        summary: 'Replace a rule',
        params: ruleIdParamsSchema,
        body: ruleBodySchema,
        response: { 200: ruleSchema },
      },
    },
    async (req) => {
      await checkChannels(req.body.channelIds);
      return audited(audit, req, { action: 'rule.update', target: req.params.id }, async () => {
        const updated = await rules.update(req.params.id, req.body);
        if (!updated) throw notFound(`no rule ${req.params.id}`);
        return updated;
      });
    },
  );

  r.delete(
    '/api/notifications/rules/:id',
    {
      config: admin,
      schema: {
        tags: ['alerts'],
        summary: 'Delete a rule',
        params: ruleIdParamsSchema,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      await audited(audit, req, { action: 'rule.delete', target: req.params.id }, async () => {
        if (!(await rules.remove(req.params.id))) throw notFound(`no rule ${req.params.id}`);
      });
      return { ok: true as const };
    },
  );
}
