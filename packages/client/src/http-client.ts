import type { z } from 'zod';
import type {
  AuthStatusReply,
  ContainerAction,
  ContainerCreateRequest,
  LoginReply,
  LogLine,
  MeReply,
  bulkReplySchema,
  bulkRequestSchema,
  containerCreateReplySchema,
  containerDetailSchema,
  containerListQuerySchema,
  containerListReplySchema,
  healthReplySchema,
  hostSchema,
  imageListReplySchema,
  jobSchema,
  auditListReplySchema,
  networkListReplySchema,
  volumeListReplySchema,
  pruneReplySchema,
  networkCreateBodySchema,
  volumeCreateBodySchema,
  tokenCreateReplySchema,
  tokenListReplySchema,
  userListReplySchema,
} from '@harbourmaster/contracts';
import { ApiError } from './api-error.js';

export interface ClientOptions {
  /** Origin of the daemon; empty for same-origin (the web app). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called on any 401, e.g. to send the person to the sign-in page. */
  onUnauthorized?: () => void;
}

type ListQuery = Partial<z.input<typeof containerListQuerySchema>>;

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The typed HTTP client for the Harbourmaster API, shared by the web app and the CLI.
 * @example
 * const api = createClient({ baseUrl: 'http://localhost:9090' });
 * await api.login({ username: 'admin', password: '…' });
 * const { containers } = await api.containers({ state: 'running' });
 */
export function createClient(options: ClientOptions = {}) {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  let csrfToken: string | null = null;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (MUTATING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
    const res = await doFetch(base + path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const data: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const e = (data ?? {}) as { error?: string; message?: string; field?: string };
      if (res.status === 401) options.onUnauthorized?.();
      throw new ApiError(res.status, e.error ?? 'http_error', e.message ?? res.statusText, e.field);
    }
    return data as T;
  }

  const hostBase = (host: string) => `/api/hosts/${encodeURIComponent(host)}`;
  const hostPath = (host: string, id: string) =>
    `/api/hosts/${encodeURIComponent(host)}/containers/${encodeURIComponent(id)}`;

  return {
    request,
    get csrfToken() {
      return csrfToken;
    },
    authStatus: () => request<AuthStatusReply>('GET', '/api/auth/status'),
    async setup(creds: { username: string; password: string }) {
      const reply = await request<LoginReply>('POST', '/api/auth/setup', creds);
      csrfToken = reply.csrfToken;
      return reply;
    },
    async login(creds: { username: string; password: string }) {
      const reply = await request<LoginReply>('POST', '/api/auth/login', creds);
      csrfToken = reply.csrfToken;
      return reply;
    },
    async me() {
      const reply = await request<MeReply>('GET', '/api/auth/me');
      if (reply.via === 'session') csrfToken = reply.csrfToken;
      return reply;
    },
    async logout() {
      await request('POST', '/api/auth/logout');
      csrfToken = null;
    },
    health: () => request<z.infer<typeof healthReplySchema>>('GET', '/api/health'),
    hosts: () => request<{ hosts: Array<z.infer<typeof hostSchema>> }>('GET', '/api/hosts'),
    containers(query: ListQuery = {}) {
      const qs = new URLSearchParams(
        Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
      ).toString();
      return request<z.infer<typeof containerListReplySchema>>('GET', `/api/containers${qs ? `?${qs}` : ''}`);
    },
    container: (host: string, id: string) =>
      request<z.infer<typeof containerDetailSchema>>('GET', hostPath(host, id)),
    act: (host: string, id: string, action: ContainerAction) =>
      request('POST', `${hostPath(host, id)}/${action}`),
    remove: (host: string, id: string, force = false) =>
      request('DELETE', `${hostPath(host, id)}?force=${force}`),
    create: (host: string, body: Partial<ContainerCreateRequest> & { image: string }) =>
      request<z.infer<typeof containerCreateReplySchema>>(
        'POST',
        `/api/hosts/${encodeURIComponent(host)}/containers`,
        body,
      ),
    bulk: (body: z.input<typeof bulkRequestSchema>) =>
      request<z.infer<typeof bulkReplySchema>>('POST', '/api/containers/bulk', body),
    logs: (host: string, id: string, tail = 500) =>
      request<{ lines: LogLine[] }>('GET', `${hostPath(host, id)}/logs?tail=${tail}`),
    /** The URL of the live log stream (server-sent events), for an EventSource. */
    logStreamUrl: (host: string, id: string, tail = 500) =>
      `${base}${hostPath(host, id)}/logs?follow=true&tail=${tail}`,
    /** The URL of the exec WebSocket. */
    execUrl: (host: string, id: string, cmd: string[] = ['/bin/sh']) =>
      `${hostPath(host, id)}/exec?cmd=${encodeURIComponent(JSON.stringify(cmd))}`,
    images: (host: string) =>
      request<z.infer<typeof imageListReplySchema>>('GET', `/api/hosts/${encodeURIComponent(host)}/images`),
    pull: (host: string, image: string) =>
      request<{ jobId: string }>('POST', `/api/hosts/${encodeURIComponent(host)}/images/pull`, { image }),
    job: (id: string) => request<z.infer<typeof jobSchema>>('GET', `/api/jobs/${encodeURIComponent(id)}`),
    removeImage: (host: string, ref: string, force = false) =>
      request('DELETE', `${hostBase(host)}/images/${encodeURIComponent(ref)}?force=${force}`),
    networks: (host: string) =>
      request<z.infer<typeof networkListReplySchema>>('GET', `${hostBase(host)}/networks`),
    createNetwork: (host: string, body: z.input<typeof networkCreateBodySchema>) =>
      request<{ id: string }>('POST', `${hostBase(host)}/networks`, body),
    removeNetwork: (host: string, id: string) =>
      request('DELETE', `${hostBase(host)}/networks/${encodeURIComponent(id)}`),
    volumes: (host: string) =>
      request<z.infer<typeof volumeListReplySchema>>('GET', `${hostBase(host)}/volumes`),
    createVolume: (host: string, body: z.input<typeof volumeCreateBodySchema>) =>
      request<{ name: string }>('POST', `${hostBase(host)}/volumes`, body),
    removeVolume: (host: string, name: string) =>
      request('DELETE', `${hostBase(host)}/volumes/${encodeURIComponent(name)}`),
    /** Prunes unused networks or volumes; `dryRun` only lists what would go. */
    prune: (host: string, kind: 'networks' | 'volumes', dryRun: boolean) =>
      request<z.infer<typeof pruneReplySchema>>('POST', `${hostBase(host)}/${kind}/prune?dryRun=${dryRun}`),
    users: () => request<z.infer<typeof userListReplySchema>>('GET', '/api/users'),
    tokens: () => request<z.infer<typeof tokenListReplySchema>>('GET', '/api/tokens'),
    createToken: (body: { name: string; role: 'admin' | 'operator' | 'viewer'; expiresInDays?: number }) =>
      request<z.infer<typeof tokenCreateReplySchema>>('POST', '/api/tokens', body),
    deleteToken: (id: string) => request('DELETE', `/api/tokens/${encodeURIComponent(id)}`),
    audit: (limit = 50) => request<z.infer<typeof auditListReplySchema>>('GET', `/api/audit?limit=${limit}`),
  };
}

export type Client = ReturnType<typeof createClient>;
