import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import {
  containerParamsSchema,
  execClientMessageSchema,
  type ExecServerMessage,
} from '@harbourmaster/contracts';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { AuditLog } from '../audit/audit.service.js';
import { auditActor } from '../audit/audit-actor.js';
import { parseJsonOrNull } from '../../http/parse-json.js';

const execQuerySchema = z.object({
  cmd: z
    .string()
    .max(4096)
    .default('["/bin/sh"]')
    .transform((s, ctx) => {
      try {
        const v: unknown = JSON.parse(s);
        if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v;
      } catch {
        // fall through to the issue below
      }
      ctx.addIssue({ code: 'custom', message: 'cmd is a JSON array of strings, e.g. ["/bin/sh"]' });
      return z.NEVER;
    }),
  cols: z.coerce.number().int().min(1).max(1000).default(80),
  rows: z.coerce.number().int().min(1).max(1000).default(24),
  user: z.string().max(64).optional(),
});

function send(ws: WebSocket, msg: ExecServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}

/**
 * `docker exec` over a WebSocket: binary frames carry the terminal's output, text frames carry
 * `{type:'input'}` and `{type:'resize'}` from the client; the last text frame is `{type:'exit', code}`.
 */
export function registerExecRoutes(
  app: FastifyInstance,
  deps: { hosts: Pick<HostRegistry, 'engine'>; audit: AuditLog },
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/hosts/:host/containers/:id/exec',
    {
      websocket: true,
      config: { access: 'operator' },
      schema: {
        tags: ['terminal'],
        summary: 'WebSocket: an interactive exec session (TTY)',
        params: containerParamsSchema,
        querystring: execQuerySchema,
      },
    },
    async (ws, req) => {
      const { host, id } = req.params;
      const { cmd, cols, rows, user } = req.query;
      const engine = deps.hosts.engine(host);
      let closedByClient = false;
      ws.on('close', () => (closedByClient = true));
      // Input can arrive while the exec is being created: queue it until the stream is there.
      const early: Array<[RawData, boolean]> = [];
      let onMessage: ((data: RawData, isBinary: boolean) => void) | null = null;
      ws.on('message', (data, isBinary) =>
        onMessage ? onMessage(data, isBinary) : early.push([data, isBinary]),
      );
      try {
        const execId = await engine.createExec(id, {
          cmd,
          tty: true,
          stdin: true,
          ...(user ? { user } : {}),
        });
        const stream = await engine.startExec(execId, { tty: true });
        await deps.audit.record({
          actor: auditActor(req),
          action: 'container.exec',
          hostId: host,
          target: id,
          result: 'ok',
          detail: { cmd },
        });
        if (closedByClient) {
          stream.destroy();
          return;
        }
        await engine.resizeExec(execId, { cols, rows }).catch(() => undefined);
        stream.on('data', (chunk: Buffer) => {
          if (ws.readyState === ws.OPEN) ws.send(chunk, { binary: true });
        });
        onMessage = (data, isBinary) => {
          if (isBinary) {
            stream.write(data);
            return;
          }
          const parsed = execClientMessageSchema.safeParse(
            parseJsonOrNull((data as Buffer).toString('utf8')),
          );
          if (!parsed.success)
            return send(ws, {
              type: 'error',
              message: 'messages are {type:"input",data} or {type:"resize",cols,rows}',
            });
          const msg = parsed.data;
          switch (msg.type) {
            case 'input':
              stream.write(msg.data);
              break;
            case 'resize':
              engine.resizeExec(execId, { cols: msg.cols, rows: msg.rows }).catch(() => undefined);
              break;
          }
        };
        for (const [data, isBinary] of early.splice(0)) onMessage(data, isBinary);
        // The engine keeps a TTY exec running when its connection closes, so a closed browser tab would
        // leave a shell behind: interrupt the foreground program and send end-of-input first.
        ws.on('close', () => {
          if (stream.destroyed) return;
          stream.write('\x03\x04');
          setTimeout(() => stream.destroy(), 500).unref();
        });
        stream.on('close', () => {
          if (ws.readyState !== ws.OPEN) return;
          engine
            .inspectExec(execId)
            .then((info) => send(ws, { type: 'exit', code: info.ExitCode }))
            .catch(() => send(ws, { type: 'exit', code: null }))
            .finally(() => ws.close(1000, 'exited'));
        });
        stream.on('error', () => stream.destroy());
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await deps.audit.record({
          actor: auditActor(req),
          action: 'container.exec',
          hostId: host,
          target: id,
          result: 'error',
          detail: { cmd, error: message },
        });
        send(ws, { type: 'error', message });
        ws.close(1011, 'exec failed');
      }
    },
  );
}
