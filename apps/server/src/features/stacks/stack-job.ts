import type { StackAction } from '@harbourmaster/contracts';
import type { JobHandler } from '../jobs/job-runner.js';
import { lastLines, stackArgs, type StacksService } from './stacks.service.js';

export interface StackJobParams {
  name: string;
  action: StackAction;
  /** One service of the stack; absent: all of them. */
  service?: string;
}

/** Lines of Compose output a job keeps in its progress (the live view shows them as they come). */
const KEEP_LINES = 500;

/**
 * One stack operation (deploy, stop, down, restart, pull) as a job with Compose's output as its
 * progress. Not resumable: after a crash the job ends as interrupted and the stack's real state is
 * read from its containers' labels.
 */
export function stackJob(stacks: StacksService): JobHandler<StackJobParams> {
  return {
    kind: 'stack.action',
    resumable: false,
    async run(ctx) {
      const hostId = ctx.hostId ?? 'local';
      const { name, action, service } = ctx.params;
      const args = stackArgs(action, service);
      const lines: string[] = [];
      ctx.progress({ lines, waiting: false });
      return stacks.queue.run(
        `${hostId}/${name}`,
        async () => {
          ctx.progress({ lines, waiting: false });
          const res = await stacks.run(hostId, name, args, {
            signal: ctx.signal,
            onLine: (_stream, line) => {
              lines.push(line);
              if (lines.length > KEEP_LINES) lines.splice(0, lines.length - KEEP_LINES);
              ctx.progress({ lines: [...lines], waiting: false });
            },
          });
          if (res.code !== 0)
            throw new Error(`compose ${args.join(' ')} failed (${res.ended}): ${lastLines(res.output)}`);
          return { code: res.code };
        },
        // A second operation on the same stack waits in line, and says so.
        () =>
          ctx.progress({
            lines,
            waiting: true,
            message: 'waiting for the operation already running on this stack',
          }),
      );
    },
  };
}
