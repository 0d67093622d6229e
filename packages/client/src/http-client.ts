import { adminCalls } from './admin-calls.js';
import { alertCalls } from './alert-calls.js';
import { authCalls } from './auth-calls.js';
import { containerCalls } from './container-calls.js';
import { metricsCalls } from './metrics-calls.js';
import { createRequester, type RequesterOptions } from './request.js';
import { resourceCalls } from './resource-calls.js';
import { settingsCalls } from './settings-calls.js';
import { stackCalls } from './stack-calls.js';

export type ClientOptions = RequesterOptions;

/**
 * The typed HTTP client for the Harbourmaster API, shared by the web app and the CLI. Bodies and
 * replies are the zod contracts' types; failures throw an ApiError; the CSRF token from sign-in (or
 * `me()` after a reload) goes out on every mutating request.
 * @example
 * const api = createClient({ baseUrl: 'http://localhost:9090' });
 * await api.login({ username: 'admin', password: '…' });
 * const { containers } = await api.containers({ state: 'running' });
 * @example
 * // Scripts and the CLI use an API token instead of a session
 * const api = createClient({ baseUrl: 'http://localhost:9090', token: process.env.HM_TOKEN });
 */
export function createClient(options: ClientOptions = {}) {
  const r = createRequester(options);
  return {
    /** A raw call for routes this client has no method for yet. */
    request: r.request,
    get csrfToken(): string | null {
      return r.csrfToken;
    },
    ...authCalls(r),
    ...containerCalls(r),
    ...resourceCalls(r),
    ...adminCalls(r),
    ...settingsCalls(r),
    ...metricsCalls(r),
    ...stackCalls(r),
    ...alertCalls(r),
  };
}

export type Client = ReturnType<typeof createClient>;
