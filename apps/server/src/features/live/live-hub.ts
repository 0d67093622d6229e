import type { WebSocket } from 'ws';
import {
  ROLE_RANK,
  clientMessageSchema,
  type Role,
  type ServerMessage,
  type Topic,
} from '@harbourmaster/contracts';
import type { EventBus } from '../../events/event-bus.js';
import { parseJsonOrNull } from '../../http/parse-json.js';

interface Client {
  ws: WebSocket;
  role: Role;
  topics: Set<string>;
  alive: boolean;
}

const ADMIN_TOPICS = new Set(['audit']);
const HEARTBEAT_MS = 30_000;
/** Topics one socket may follow at once: a page's visible rows, with room to spare. */
const MAX_TOPICS = 1000;

/** Builds one client's message from the topics it follows under a prefix; null sends nothing. */
export type TopicMessageBuilder = (topics: readonly string[]) => ServerMessage | null;

/**
 * Fans internal bus events out to WebSocket clients by topic. Messages are sent as soon as the bus
 * emits them: no polling and no batching between an engine event and the client.
 */
export class LiveHub {
  readonly #clients = new Set<Client>();
  readonly #unsubscribe: Array<() => void> = [];
  readonly #heartbeat: NodeJS.Timeout;
  readonly #onSubscribe = new Map<string, TopicMessageBuilder>();

  constructor(bus: EventBus) {
    this.#unsubscribe.push(
      bus.on('container.state', (data) =>
        this.publish('containers', { type: 'event', topic: 'containers', data }),
      ),
      bus.on('host.status', (data) => this.publish('hosts', { type: 'event', topic: 'hosts', data })),
      bus.on('engine.event', ({ hostId, event }) =>
        this.publish('engine-events', {
          type: 'event',
          topic: 'engine-events',
          data: {
            hostId,
            type: event.Type,
            action: event.Action,
            actorId: event.Actor.ID,
            attributes: event.Actor.Attributes,
            at: Math.floor(event.timeNano / 1e6),
          },
        }),
      ),
      bus.on('audit.entry', (data) => this.publish('audit', { type: 'event', topic: 'audit', data })),
      bus.on('alert.recorded', (data) => this.publish('alerts', { type: 'event', topic: 'alerts', data })),
      bus.on('job.update', (job) => {
        this.publish('jobs', { type: 'event', topic: 'jobs', data: job });
        this.publish(`job:${job.id}`, { type: 'event', topic: `job:${job.id}`, data: job });
      }),
    );
    this.#heartbeat = setInterval(() => this.sweep(), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Takes over a freshly upgraded socket of a signed-in principal. */
  attach(ws: WebSocket, role: Role): void {
    const client: Client = { ws, role, topics: new Set(), alive: true };
    this.#clients.add(client);
    ws.on('pong', () => (client.alive = true));
    ws.on('close', () => this.#clients.delete(client));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return this.send(client, { type: 'error', message: 'send JSON text messages' });
      this.handle(client, parseJsonOrNull((data as Buffer).toString('utf8')));
    });
  }

  private handle(client: Client, raw: unknown): void {
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.send(client, {
        type: 'error',
        message: `invalid message: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      });
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ping':
        return this.send(client, { type: 'pong' });
      case 'subscribe': {
        const denied = msg.topics.filter(
          (t) => ADMIN_TOPICS.has(t) && ROLE_RANK[client.role] < ROLE_RANK.admin,
        );
        if (denied.length > 0)
          return this.send(client, { type: 'error', message: `topic ${denied.join(', ')} is for admins` });
        const added = msg.topics.filter((t) => !client.topics.has(t));
        if (client.topics.size + added.length > MAX_TOPICS)
          return this.send(client, {
            type: 'error',
            message: `at most ${MAX_TOPICS} topics at once: unsubscribe from some first`,
          });
        added.forEach((t) => client.topics.add(t));
        this.send(client, { type: 'subscribed', topics: [...client.topics] as Topic[] });
        for (const [prefix, build] of this.#onSubscribe) {
          const mine = added.filter((t) => t.startsWith(prefix));
          const first = mine.length > 0 ? build(mine) : null;
          if (first) this.send(client, first);
        }
        return;
      }
      case 'unsubscribe':
        msg.topics.forEach((t) => client.topics.delete(t));
        return this.send(client, { type: 'subscribed', topics: [...client.topics] as Topic[] });
    }
  }

  /**
   * Sends each client one message made for the topics it follows under `prefix` (its rows of a
   * metrics pass, say), rather than one message per topic.
   */
  publishEach(prefix: string, build: TopicMessageBuilder): void {
    for (const c of this.#clients) {
      if (c.ws.readyState !== c.ws.OPEN) continue;
      let mine: string[] | null = null;
      for (const t of c.topics) if (t.startsWith(prefix)) (mine ??= []).push(t);
      const msg = mine && build(mine);
      if (msg) c.ws.send(JSON.stringify(msg));
    }
  }

  /** What a client is sent at once when it subscribes to topics under `prefix` (recent history). */
  onSubscribe(prefix: string, build: TopicMessageBuilder): void {
    this.#onSubscribe.set(prefix, build);
  }

  private publish(topic: string, msg: ServerMessage): void {
    let text: string | null = null;
    for (const c of this.#clients) {
      if (!c.topics.has(topic)) continue;
      text ??= JSON.stringify(msg);
      if (c.ws.readyState === c.ws.OPEN) c.ws.send(text);
    }
  }

  private send(client: Client, msg: ServerMessage): void {
    if (client.ws.readyState === client.ws.OPEN) client.ws.send(JSON.stringify(msg));
  }

  /** Drops clients that did not answer the last ping. */
  private sweep(): void {
    for (const c of this.#clients) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }

  get size(): number {
    return this.#clients.size;
  }

  /** Closes every socket (shutdown). */
  close(): void {
    clearInterval(this.#heartbeat);
    this.#unsubscribe.forEach((u) => u());
    for (const c of this.#clients) c.ws.close(1001, 'server shutting down');
    this.#clients.clear();
  }
}
