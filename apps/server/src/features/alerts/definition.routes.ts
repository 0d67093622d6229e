import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okReplySchema } from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { audited } from '../audit/audited.js';
import { badRequest, notFound } from '../../http/http-errors.js';
import type { DefinitionStore } from './definition-store.js';

export interface DefinitionRoutes<S extends z.ZodType<Record<string, unknown>>> {
  /** e.g. `/api/notifications/thresholds` */
  path: string;
  /** The list reply's key, e.g. `thresholds`. */
  listKey: string;
  /** For summaries and messages, e.g. `threshold rule`. */
  noun: string;
  /** The audit action prefix, e.g. `threshold`. */
  auditAs: string;
  body: S;
  item: z.ZodType;
  store: DefinitionStore<S>;
  audit: AuditLog;
  /** Extra checks of a body (a pattern that compiles, say): a message and the field, or null. */
  check?: (body: z.output<S>) => { message: string; field: string } | null;
  /** After every change (the evaluators re-plan). */
  onChange?: () => void;
}

const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id') });

/** Admin CRUD for rules kept as one JSON definition each (threshold rules, log-pattern rules). */
export function registerDefinitionRoutes<S extends z.ZodType<Record<string, unknown>>>(
  app: FastifyInstance,
  d: DefinitionRoutes<S>,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: 'admin' as const };
  const checked = (body: z.output<S>) => {
    const problem = d.check?.(body);
    if (problem) throw badRequest(problem.message, problem.field);
  };
  const changed = <T>(value: T): T => {
    d.onChange?.();
    return value;
  };

  r.get(
    d.path,
    {
      config,
      schema: {
        tags: ['alerts'],
        summary: `The ${d.noun}s`,
        response: { 200: z.object({ [d.listKey]: z.array(d.item) }) },
      },
    },
    async () => ({ [d.listKey]: await d.store.list() }),
  );

  r.post(
    d.path,
    {
      config,
      schema: { tags: ['alerts'], summary: `Add a ${d.noun}`, body: d.body, response: { 201: d.item } },
    },
    async (req, reply) => {
      const body = req.body as z.output<S>;
      checked(body);
      const name = typeof body.name === 'string' ? body.name : null;
      const created = await audited(d.audit, req, { action: `${d.auditAs}.create`, target: name }, () =>
        d.store.create(body as z.input<S>),
      );
      return reply.status(201).send(changed(created));
    },
  );

  r.put(
    `${d.path}/:id`,
    {
      config,
      schema: {
        tags: ['alerts'],
        summary: `Replace a ${d.noun}`,
        params: idParams,
        body: d.body,
        response: { 200: d.item },
      },
    },
    async (req) => {
      const body = req.body as z.output<S>;
      checked(body);
      const updated = await audited(
        d.audit,
        req,
        { action: `${d.auditAs}.update`, target: req.params.id },
        async () => {
          const u = await d.store.update(req.params.id, body as z.input<S>);
          if (!u) throw notFound(`no ${d.noun} ${req.params.id}`);
          return u;
        },
      );
      return changed(updated);
    },
  );

  r.delete(
    `${d.path}/:id`,
    {
      config,
      schema: {
        tags: ['alerts'],
        summary: `Delete a ${d.noun}`,
        params: idParams,
        response: { 200: okReplySchema },
      },
    },
    async (req) => {
      await audited(d.audit, req, { action: `${d.auditAs}.delete`, target: req.params.id }, async () => {
        if (!(await d.store.remove(req.params.id))) throw notFound(`no ${d.noun} ${req.params.id}`);
      });
      return changed({ ok: true as const });
    },
  );
}
