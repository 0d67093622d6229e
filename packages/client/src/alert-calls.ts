import type { z } from 'zod';
import type {
  Channel,
  ChannelBody,
  Rule,
  RuleBody,
  alertListQuerySchema,
  alertListReplySchema,
  channelListReplySchema,
  channelTestReplySchema,
  okReplySchema,
  ruleListReplySchema,
} from '@harbourmaster/contracts';
import { toQuery, type QueryOf } from './query-string.js';
import type { createRequester } from './request.js';

type Requester = ReturnType<typeof createRequester>;
type Ok = z.infer<typeof okReplySchema>;
/** Filters of the alert history; `before` (unix ms) pages back. */
export type AlertQuery = QueryOf<z.input<typeof alertListQuerySchema>>;
/** A channel test: whether it worked, the channel's own error when not, and how long it took. */
export type ChannelTestReply = z.infer<typeof channelTestReplySchema>;

const channelPath = (id: string) => `/api/notifications/channels/${encodeURIComponent(id)}`;
const rulePath = (id: string) => `/api/notifications/rules/${encodeURIComponent(id)}`;

/**
 * Alerts: the history (viewers) and acknowledging (operators); notification channels and routing
 * rules (admins). Channel replies show every secret as `SECRET_MASK`; on update, a secret left out
 * or sent as the mask keeps its stored value.
 * @example
 * const { alerts } = await api.alerts({ severity: 'critical', acked: false });
 * await api.ackAlert(alerts[0].id);
 */
export function alertCalls({ request }: Requester) {
  return {
    /** The alert history, newest first, with how each alert reached its channels. */
    alerts: (query: AlertQuery = {}) =>
      request<z.infer<typeof alertListReplySchema>>('GET', `/api/alerts${toQuery(query)}`),
    /** Marks an alert as acknowledged by the signed-in person (operator). */
    ackAlert: (id: string) => request<Ok>('POST', `/api/alerts/${encodeURIComponent(id)}/ack`),
    channels: () => request<z.infer<typeof channelListReplySchema>>('GET', '/api/notifications/channels'),
    createChannel: (body: ChannelBody) => request<Channel>('POST', '/api/notifications/channels', body),
    /** Replaces a channel; secrets left out or sent masked keep their stored values. */
    updateChannel: (id: string, body: ChannelBody) => request<Channel>('PUT', channelPath(id), body),
    deleteChannel: (id: string) => request<Ok>('DELETE', channelPath(id)),
    /** Sends a test alert through the channel now; `ok: false` carries the channel's own error. */
    testChannel: (id: string) => request<ChannelTestReply>('POST', `${channelPath(id)}/test`),
    /** Routing rules: which alerts go to which channels. */
    routingRules: () => request<z.infer<typeof ruleListReplySchema>>('GET', '/api/notifications/rules'),
    createRoutingRule: (body: RuleBody) => request<Rule>('POST', '/api/notifications/rules', body),
    updateRoutingRule: (id: string, body: RuleBody) => request<Rule>('PUT', rulePath(id), body),
    deleteRoutingRule: (id: string) => request<Ok>('DELETE', rulePath(id)),
  };
}
