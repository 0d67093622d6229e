import type { z } from 'zod';
import type {
  ContainerAction,
  bulkReplySchema,
  bulkRequestSchema,
  containerCreateReplySchema,
  containerCreateSchema,
  containerDetailSchema,
  containerListQuerySchema,
  containerListReplySchema,
  logQuerySchema,
  logReplySchema,
  okReplySchema,
  tagsReplySchema,
} from '@harbourmaster/contracts';
import { toQuery, type QueryOf } from './query-string.js';
import type { createRequester } from './request.js';

type Requester = ReturnType<typeof createRequester>;
export type ContainerListQuery = QueryOf<z.input<typeof containerListQuerySchema>>;
export type LogQuery = Omit<QueryOf<z.input<typeof logQuerySchema>>, 'follow'>;
export interface ExecOptions {
  /** The command as argv; a shell by default. */
  cmd?: string[];
  cols?: number;
  rows?: number;
  user?: string;
}

/** `/api/hosts/{host}/containers/{id}` with both parts escaped. */
export function containerPath(host: string, id: string): string {
  return `/api/hosts/${encodeURIComponent(host)}/containers/${encodeURIComponent(id)}`;
}

/** Containers across hosts: list, inspect, lifecycle, create, bulk, tags, logs and exec. */
export function containerCalls({ request, base }: Requester) {
  type Ok = z.infer<typeof okReplySchema>;
  return {
    containers: (query: ContainerListQuery = {}) =>
      request<z.infer<typeof containerListReplySchema>>('GET', `/api/containers${toQuery(query)}`),
    container: (host: string, id: string) =>
      request<z.infer<typeof containerDetailSchema>>('GET', containerPath(host, id)),
    act: (host: string, id: string, action: ContainerAction) =>
      request<Ok>('POST', `${containerPath(host, id)}/${action}`),
    /** Removes a container; `force` stops a running one first, `volumes` drops its anonymous volumes. */
    remove: (host: string, id: string, force = false, volumes = false) =>
      request<Ok>('DELETE', `${containerPath(host, id)}${toQuery({ force, volumes })}`),
    create: (host: string, body: z.input<typeof containerCreateSchema>) =>
      request<z.infer<typeof containerCreateReplySchema>>(
        'POST',
        `/api/hosts/${encodeURIComponent(host)}/containers`,
        body,
      ),
    /** One action on many containers; each target gets its own result, a failure stops none of the others. */
    bulk: (body: z.input<typeof bulkRequestSchema>) =>
      request<z.infer<typeof bulkReplySchema>>('POST', '/api/containers/bulk', body),
    setTags: (host: string, id: string, tags: string[]) =>
      request<z.infer<typeof tagsReplySchema>>('PUT', `${containerPath(host, id)}/tags`, { tags }),
    logs: (host: string, id: string, query: LogQuery = {}) =>
      request<z.infer<typeof logReplySchema>>('GET', `${containerPath(host, id)}/logs${toQuery(query)}`),
    /** The URL of the live log stream (server-sent events, one `log` event per line) for an EventSource. */
    logStreamUrl: (host: string, id: string, query: LogQuery = {}) =>
      `${base}${containerPath(host, id)}/logs${toQuery({ ...query, follow: true })}`,
    /**
     * The URL of the exec WebSocket: binary frames are terminal output; send `{type:'input',data}` and
     * `{type:'resize',cols,rows}` as text; the last text frame is `{type:'exit',code}`.
     */
    execUrl: (host: string, id: string, opts: ExecOptions = {}) =>
      `${base}${containerPath(host, id)}/exec${toQuery({
        cmd: JSON.stringify(opts.cmd ?? ['/bin/sh']),
        cols: opts.cols,
        rows: opts.rows,
        user: opts.user,
      })}`,
  };
}
