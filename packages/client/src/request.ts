import { ApiError } from './api-error.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequesterOptions {
  /** Origin of the daemon; empty for same-origin (the web app). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** An API token for scripts and the CLI; browsers use the session cookie instead. */
  token?: string;
  /** Called on a 401 from any call except sign-in itself, e.g. to show the sign-in page. */
  onUnauthorized?: () => void;
}

const MUTATING: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// A wrong password is a 401 too, but it is an answer to show on the form, not a lost session.
const SIGN_IN_PATHS = new Set(['/api/auth/login', '/api/auth/setup']);

/** The fields of the server's error reply (errorReplySchema), read defensively: a proxy may answer instead. */
function errorFields(data: unknown): { error?: string; message?: string; field?: string } {
  if (typeof data !== 'object' || data === null) return {};
  const { error, message, field } = data as Record<string, unknown>;
  return {
    ...(typeof error === 'string' ? { error } : {}),
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof field === 'string' ? { field } : {}),
  };
}

function parseBody(text: string, contentType: string | null): unknown {
  if (!text) return null;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  }
  return text;
}

/**
 * The one place requests go out: JSON in and out, the CSRF token on mutations, the session cookie on
 * the same origin, and every failure turned into an ApiError the caller can show.
 */
export function createRequester(options: RequesterOptions) {
  const base = options.baseUrl?.replace(/\/$/, '') ?? '';
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  let csrfToken: string | null = null;

  async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (MUTATING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (err) {
      throw new ApiError(
        0,
        'network',
        `cannot reach Harbourmaster (${err instanceof Error ? err.message : String(err)}); check that the daemon is running`,
      );
    }
    const data = parseBody(await res.text(), res.headers.get('content-type'));
    if (res.ok) return data as T;
    const e = errorFields(data);
    if (res.status === 401 && !SIGN_IN_PATHS.has(path.split('?')[0] ?? '')) options.onUnauthorized?.();
    const retry = Number(res.headers.get('retry-after'));
    throw new ApiError(
      res.status,
      e.error ?? 'http_error',
      e.message ?? (res.statusText || `HTTP ${res.status}`),
      e.field,
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    );
  }

  return {
    request,
    base,
    get csrfToken(): string | null {
      return csrfToken;
    },
    set csrfToken(token: string | null) {
      csrfToken = token;
    },
  };
}
