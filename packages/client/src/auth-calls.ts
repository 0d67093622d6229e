import type { z } from 'zod';
import type {
  AuthStatusReply,
  Host,
  LoginReply,
  MeReply,
  SetupReply,
  healthReplySchema,
  loginBodySchema,
  okReplySchema,
  setupBodySchema,
  tagsReplySchema,
} from '@harbourmaster/contracts';
import type { createRequester } from './request.js';

type Requester = ReturnType<typeof createRequester>;

/** Sign-in, session, health and hosts: the calls every page starts from. */
export function authCalls(r: Requester) {
  const { request } = r;
  return {
    authStatus: () => request<AuthStatusReply>('GET', '/api/auth/status'),
    /**
     * Creates the first admin and signs in as it, storing the first-boot wizard's settings with it:
     * only while no user exists, and only with the one-time `setupCode` the daemon printed to its
     * log and console at start. `host` says what changed on the machine itself.
     */
    async setup(body: z.input<typeof setupBodySchema>) {
      const reply = await request<SetupReply>('POST', '/api/auth/setup', body);
      r.csrfToken = reply.csrfToken;
      return reply;
    },
    async login(body: z.input<typeof loginBodySchema>) {
      const reply = await request<LoginReply>('POST', '/api/auth/login', body);
      r.csrfToken = reply.csrfToken;
      return reply;
    },
    /** Who is signed in; also recovers the CSRF token after a page reload. */
    async me() {
      const reply = await request<MeReply>('GET', '/api/auth/me');
      if (reply.via === 'session') r.csrfToken = reply.csrfToken;
      return reply;
    },
    async logout() {
      try {
        await request<z.infer<typeof okReplySchema>>('POST', '/api/auth/logout');
      } finally {
        r.csrfToken = null;
      }
    },
    health: () => request<z.infer<typeof healthReplySchema>>('GET', '/api/health'),
    hosts: () => request<{ hosts: Host[] }>('GET', '/api/hosts'),
    setHostTags: (host: string, tags: string[]) =>
      request<z.infer<typeof tagsReplySchema>>('PUT', `/api/hosts/${encodeURIComponent(host)}/tags`, {
        tags,
      }),
    /** Every tag in use on hosts and containers. */
    tags: () => request<z.infer<typeof tagsReplySchema>>('GET', '/api/tags'),
  };
}
