import type { z } from 'zod';
import type {
  auditListQuerySchema,
  auditListReplySchema,
  okReplySchema,
  tokenCreateBodySchema,
  tokenCreateReplySchema,
  tokenListReplySchema,
  userCreateBodySchema,
  userListReplySchema,
  userReplySchema,
  userUpdateBodySchema,
} from '@harbourmaster/contracts';
import { toQuery, type QueryOf } from './query-string.js';
import type { createRequester } from './request.js';

type Requester = ReturnType<typeof createRequester>;
export type AuditQuery = QueryOf<z.input<typeof auditListQuerySchema>>;

/** Users, API tokens and the audit log: admin-only calls. */
export function adminCalls({ request }: Requester) {
  type Ok = z.infer<typeof okReplySchema>;
  const user = (id: string) => `/api/users/${encodeURIComponent(id)}`;
  return {
    users: () => request<z.infer<typeof userListReplySchema>>('GET', '/api/users'),
    createUser: (body: z.input<typeof userCreateBodySchema>) =>
      request<z.infer<typeof userReplySchema>>('POST', '/api/users', body),
    updateUser: (id: string, body: z.input<typeof userUpdateBodySchema>) =>
      request<z.infer<typeof userReplySchema>>('PATCH', user(id), body),
    deleteUser: (id: string) => request<Ok>('DELETE', user(id)),
    tokens: () => request<z.infer<typeof tokenListReplySchema>>('GET', '/api/tokens'),
    /** Creates an API token; the reply's `token` is shown this once. */
    createToken: (body: z.input<typeof tokenCreateBodySchema>) =>
      request<z.infer<typeof tokenCreateReplySchema>>('POST', '/api/tokens', body),
    deleteToken: (id: string) => request<Ok>('DELETE', `/api/tokens/${encodeURIComponent(id)}`),
    /** The audit log, newest first; a number is the limit. */
    audit: (query: AuditQuery | number = 50) =>
      request<z.infer<typeof auditListReplySchema>>(
        'GET',
        `/api/audit${toQuery(typeof query === 'number' ? { limit: query } : query)}`,
      ),
  };
}
