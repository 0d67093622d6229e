import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { demuxLogStream } from '@harbourmaster/engine';
import {
  containerParamsSchema,
  logQuerySchema,
  logReplySchema,
  type LogLine,
} from '@harbourmaster/contracts';
import type { HostRegistry } from '../hosts/host-registry.js';
import { openSse } from '../../http/sse-stream.js';

/** Lines kept for one non-following read; the tail parameter normally bounds it well below. */
const MAX_LINES = 100_000;

export function registerLogRoutes(app: FastifyInstance, deps: { hosts: Pick<HostRegistry, 'engine'> }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/hosts/:host/containers/:id/logs',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['logs'],
        summary: 'Container logs; follow=true streams them as server-sent events (`event: log`)',
        params: containerParamsSchema,
        querystring: logQuerySchema,
        response: { 200: logReplySchema },
      },
    },
    async (req, reply) => {
      const { host, id } = req.params;
      const q = req.query;
      const engine = deps.hosts.engine(host);
      const inspect = await engine.inspectContainer(id);
      const abort = new AbortController();
      const raw = await engine.containerLogs(
        id,
        {
          follow: q.follow,
          stdout: q.stdout,
          stderr: q.stderr,
          timestamps: q.timestamps,
          tail: q.tail,
          ...(q.since ? { since: q.since } : {}),
          ...(q.until ? { until: q.until } : {}),
        },
        abort.signal,
      );
      const lines = demuxLogStream(raw, { tty: inspect.Config.Tty, timestamps: q.timestamps });
      if (!q.follow) {
        const out: LogLine[] = [];
        for await (const l of lines) {
          if (out.length < MAX_LINES) out.push(l);
        }
        return { lines: out };
      }
      // Follow: server-sent events until the client leaves or the container's log ends.
      const sse = openSse(req, reply);
      const stop = () => abort.abort();
      sse.signal.addEventListener('abort', stop, { once: true });
      try {
        for await (const l of lines) await sse.send('log', l);
        await sse.send('end', {});
      } catch (err) {
        if (!abort.signal.aborted)
          await sse.send('error', { message: err instanceof Error ? err.message : String(err) });
      } finally {
        sse.signal.removeEventListener('abort', stop);
        raw.destroy();
        sse.end();
      }
    },
  );
}
