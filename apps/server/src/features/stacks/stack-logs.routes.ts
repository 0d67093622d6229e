import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  stackLogQuerySchema,
  stackLogReplySchema,
  stackParamsSchema,
  type StackLogLine,
} from '@harbourmaster/contracts';
import { openSse } from '../../http/sse-stream.js';
import { HttpError } from '../../http/http-errors.js';
import { lastLines, type StacksService } from './stacks.service.js';

/** Lines kept for one non-following read (the tail parameter normally bounds it well below). */
const MAX_LINES = 100_000;
/** A client this far behind loses lines (and is told how many) rather than growing the daemon's memory. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

export function registerStackLogRoutes(app: FastifyInstance, deps: { stacks: StacksService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/hosts/:host/stacks/:name/logs',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['stacks'],
        summary:
          "A stack's logs, every service merged or one (service=…), from `compose logs`; follow=true (the default) streams server-sent events (`event: log`) and ends the Compose child when the client leaves",
        params: stackParamsSchema,
        querystring: stackLogQuerySchema,
        response: { 200: stackLogReplySchema },
      },
    },
    async (req, reply) => {
      const { host, name } = req.params;
      const q = req.query;
      await deps.stacks.get(host, name); // 400/404 before anything runs
      if (q.service) await deps.stacks.assertService(host, name, q.service);
      await deps.stacks.runner(); // 503 without Compose
      if (!q.follow) {
        const lines: StackLogLine[] = [];
        const res = await deps.stacks.logs(host, name, q, AbortSignal.timeout(60_000), (l) => {
          if (lines.length < MAX_LINES) lines.push(l);
        });
        if (res.code !== 0)
          throw new HttpError(502, 'compose_failed', `compose logs failed: ${lastLines(res.output)}`);
        return { lines };
      }
      const sse = openSse(req, reply);
      let dropped = 0;
      try {
        const res = await deps.stacks.logs(host, name, q, sse.signal, (line) => {
          if (sse.backlog > MAX_BACKLOG_BYTES) {
            dropped += 1;
            return;
          }
          if (dropped > 0) {
            void sse.send('dropped', { lines: dropped });
            dropped = 0;
          }
          void sse.send('log', line);
        });
        if (res.ended === 'exited' && res.code !== 0)
          await sse.send('error', { message: `compose logs failed: ${lastLines(res.output, 4)}` });
        else if (res.ended === 'exited') await sse.send('end', {});
      } catch (err) {
        await sse.send('error', { message: err instanceof Error ? err.message : String(err) });
      } finally {
        sse.end();
      }
    },
  );
}
