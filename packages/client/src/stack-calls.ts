import type { z } from 'zod';
import type {
  StackAction,
  StackAdoptBody,
  StackListReply,
  StackReply,
  StackWriteBody,
  jobAcceptedSchema,
  okReplySchema,
  stackLogQuerySchema,
  stackLogReplySchema,
} from '@harbourmaster/contracts';
import { toQuery, type QueryOf } from './query-string.js';
import type { createRequester } from './request.js';

type Requester = ReturnType<typeof createRequester>;
type JobAccepted = z.infer<typeof jobAcceptedSchema>;
export type StackLogQuery = Omit<QueryOf<z.input<typeof stackLogQuerySchema>>, 'follow'>;
/** A `docker run` command or a container, as a compose file to edit. */
export type ConvertReply = { compose: string; service: string; warnings: string[] };

/** `/api/hosts/{host}/stacks/{name}` with both parts escaped. */
export function stackPath(host: string, name: string): string {
  return `/api/hosts/${encodeURIComponent(host)}/stacks/${encodeURIComponent(name)}`;
}

/** Stacks: list, files, actions as jobs, logs, adopt, and the `docker run` converter. */
export function stackCalls({ request, base }: Requester) {
  return {
    stacks: (host: string) => request<StackListReply>('GET', `/api/hosts/${encodeURIComponent(host)}/stacks`),
    stack: (host: string, name: string) => request<StackReply>('GET', stackPath(host, name)),
    createStack: (host: string, body: StackWriteBody) =>
      request<StackReply>('POST', `/api/hosts/${encodeURIComponent(host)}/stacks`, body),
    /** Saves the files; a different `body.name` renames the stack. */
    updateStack: (host: string, name: string, body: StackWriteBody) =>
      request<StackReply>('PUT', stackPath(host, name), body),
    deleteStack: (host: string, name: string, volumes = false) =>
      request<z.infer<typeof okReplySchema>>('DELETE', `${stackPath(host, name)}${toQuery({ volumes })}`),
    stackAction: (host: string, name: string, action: StackAction) =>
      request<JobAccepted>('POST', `${stackPath(host, name)}/${action}`),
    serviceAction: (host: string, name: string, service: string, action: Exclude<StackAction, 'down'>) =>
      request<JobAccepted>(
        'POST',
        `${stackPath(host, name)}/services/${encodeURIComponent(service)}/${action}`,
      ),
    adoptStack: (host: string, name: string, body: StackAdoptBody) =>
      request<StackReply>('POST', `${stackPath(host, name)}/adopt`, body),
    stackLogs: (host: string, name: string, query: StackLogQuery = {}) =>
      request<z.infer<typeof stackLogReplySchema>>(
        'GET',
        `${stackPath(host, name)}/logs${toQuery({ ...query, follow: false })}`,
      ),
    /** The URL of the stack's live merged logs (server-sent events, `log` events with a `source`). */
    stackLogStreamUrl: (host: string, name: string, query: StackLogQuery = {}) =>
      `${base}${stackPath(host, name)}/logs${toQuery({ ...query, follow: true })}`,
    convertRun: (command: string) => request<ConvertReply>('POST', '/api/stacks/convert', { command }),
    containerAsCompose: (host: string, id: string) =>
      request<ConvertReply>(
        'GET',
        `/api/hosts/${encodeURIComponent(host)}/containers/${encodeURIComponent(id)}/compose`,
      ),
  };
}
