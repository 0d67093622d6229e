import type { FastifyInstance } from 'fastify';
import { principalOf } from '../../http/principal.js';
import type { LiveHub } from './live-hub.js';

/** The one WebSocket for live state: subscribe to topics, receive typed events. */
export function registerLiveRoutes(app: FastifyInstance, deps: { live: LiveHub }): void {
  app.get(
    '/api/ws',
    {
      websocket: true,
      config: { access: 'viewer' },
      schema: { tags: ['live'], summary: 'WebSocket: typed topic messages (see ServerMessage)' },
    },
    (ws, req) => deps.live.attach(ws, principalOf(req).role),
  );
}
