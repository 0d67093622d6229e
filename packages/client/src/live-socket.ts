import type { ClientMessage, ServerMessage, Topic } from '@harbourmaster/contracts';

type EventMessage = Extract<ServerMessage, { type: 'event' }>;
/** A topic whose messages carry data: every topic of the live WebSocket. */
export type EventTopic = EventMessage['topic'];
/** The data of an event on `T`, e.g. `EventData<'containers'>` is a container state change. */
export type EventData<T extends EventTopic, M = EventMessage> = M extends { topic: infer P; data: infer D }
  ? T extends P
    ? D
    : never
  : never;

export type LiveStatus = 'connecting' | 'open' | 'closed';

/** The part of a WebSocket this class uses, so tests (and Node) can hand it another one. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface LiveSocketOptions {
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay; doubles per failed attempt up to `maxDelayMs`, with ±20 % jitter. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** How often to ping; a socket silent for two intervals is treated as dead and replaced. */
  pingMs?: number;
  random?: () => number;
}

const OPEN = 1;
/** What the server accepts in one subscribe or unsubscribe message (clientMessageSchema). */
export const MAX_TOPICS_PER_MESSAGE = 50;
type Listener = (msg: ServerMessage) => void;
type StatusListener = (status: LiveStatus, info: { reconnected: boolean }) => void;

/**
 * The one live WebSocket (/api/ws). Topics are reference-counted, so each page subscribes to what it
 * shows and lets go on unmount; after a reconnect (with backoff) it subscribes again by itself and
 * tells status listeners `reconnected: true`, because events sent while it was away are lost and
 * whatever they would have patched must be fetched again.
 * @example
 * const live = new LiveSocket('ws://localhost:9090/api/ws');
 * live.connect();
 * const stop = live.listen('containers', (e) => console.log(e.name, e.state));
 */
export class LiveSocket {
  readonly #topics = new Map<Topic, number>();
  readonly #listeners = new Set<Listener>();
  readonly #statusListeners = new Set<StatusListener>();
  readonly #opts: Required<LiveSocketOptions>;
  #ws: SocketLike | null = null;
  #wanted = false;
  #attempt = 0;
  #everOpened = false;
  #status: LiveStatus = 'closed';
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #pingTimer: ReturnType<typeof setInterval> | null = null;
  #lastHeard = 0;

  constructor(
    private readonly url: string,
    options: LiveSocketOptions = {},
  ) {
    this.#opts = {
      // The DOM WebSocket's handler properties are typed with `this: WebSocket` and MessageEvent,
      // which a structural interface cannot name; it is a SocketLike in every way this class uses.
      createSocket: options.createSocket ?? ((u) => new WebSocket(u) as unknown as SocketLike),
      minDelayMs: options.minDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 15_000,
      pingMs: options.pingMs ?? 25_000,
      random: options.random ?? Math.random,
    };
  }

  get status(): LiveStatus {
    return this.#status;
  }

  /** Opens the socket and keeps it open (reconnecting) until `disconnect()`. */
  connect(): void {
    this.#wanted = true;
    if (!this.#ws && !this.#retryTimer) this.#open();
  }

  /** Closes the socket and stops reconnecting; subscriptions are kept for the next `connect()`. */
  disconnect(): void {
    this.#wanted = false;
    this.#everOpened = false;
    this.#clearTimers();
    const ws = this.#ws;
    this.#ws = null;
    if (ws) {
      ws.onclose = null;
      ws.close(1000, 'bye');
    }
    this.#setStatus('closed', false);
  }

  /**
   * Subscribes to topics for as long as the returned function is not called; a topic stays
   * subscribed while anyone still holds it.
   */
  subscribe(topics: Topic[]): () => void {
    this.#hold(topics);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#drop(topics);
    };
  }

  /**
   * A set of topics that changes over time, e.g. the table rows in view: each `set` subscribes the
   * topics that are new and lets go of those that are gone (one message each way, not one per topic);
   * `close` lets go of all of them.
   * @example
   * const rows = live.follower();
   * rows.set(['metrics:local:…', 'metrics:local:…']);
   * rows.close();
   */
  follower(): { set: (topics: Iterable<Topic>) => void; close: () => void } {
    let held = new Set<Topic>();
    return {
      set: (topics) => {
        const next = new Set(topics);
        this.#hold([...next].filter((t) => !held.has(t)));
        this.#drop([...held].filter((t) => !next.has(t)));
        held = next;
      },
      close: () => {
        this.#drop([...held]);
        held = new Set();
      },
    };
  }

  /** Every message from the server; returns the function that removes the listener. */
  on(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Subscribes to one topic and hears its events, typed; returns the function that stops both. */
  listen<T extends EventTopic>(topic: T, handler: (data: EventData<T>) => void): () => void {
    const release = this.subscribe([topic]);
    const off = this.on((msg) => {
      if (msg.type === 'event' && msg.topic === topic) handler(msg.data as EventData<T>);
    });
    return () => {
      off();
      release();
    };
  }

  /** Hears status changes; `reconnected` is true when the socket opens again after a drop. */
  onStatus(listener: StatusListener): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  #hold(topics: readonly Topic[]): void {
    const fresh = topics.filter((t) => !this.#topics.has(t));
    for (const t of topics) this.#topics.set(t, (this.#topics.get(t) ?? 0) + 1);
    this.#sendTopics('subscribe', fresh);
  }

  #drop(topics: readonly Topic[]): void {
    const gone: Topic[] = [];
    for (const t of topics) {
      const n = (this.#topics.get(t) ?? 1) - 1;
      if (n > 0) this.#topics.set(t, n);
      else if (this.#topics.delete(t)) gone.push(t);
    }
    this.#sendTopics('unsubscribe', gone);
  }

  /** The server takes at most MAX_TOPICS_PER_MESSAGE topics a message; more go out in several. */
  #sendTopics(type: 'subscribe' | 'unsubscribe', topics: readonly Topic[]): void {
    for (let i = 0; i < topics.length; i += MAX_TOPICS_PER_MESSAGE)
      this.#send({ type, topics: topics.slice(i, i + MAX_TOPICS_PER_MESSAGE) });
  }

  #open(): void {
    this.#retryTimer = null;
    this.#setStatus('connecting', false);
    const ws = this.#opts.createSocket(this.url);
    this.#ws = ws;
    ws.onopen = () => {
      const reconnected = this.#everOpened;
      this.#everOpened = true;
      this.#attempt = 0;
      this.#lastHeard = Date.now();
      this.#sendTopics('subscribe', [...this.#topics.keys()]);
      this.#startPing(ws);
      this.#setStatus('open', reconnected);
    };
    ws.onmessage = (e) => {
      this.#lastHeard = Date.now();
      const msg = parse(e.data);
      if (msg) this.#listeners.forEach((l) => l(msg));
    };
    // A failed handshake fires error then close; close alone decides what happens next.
    ws.onerror = () => undefined;
    ws.onclose = () => this.#closed(ws);
  }

  #closed(ws: SocketLike): void {
    if (this.#ws !== ws) return;
    this.#ws = null;
    this.#clearTimers();
    this.#setStatus('closed', false);
    if (this.#wanted) this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    const { minDelayMs, maxDelayMs, random } = this.#opts;
    const delay = Math.min(maxDelayMs, minDelayMs * 2 ** this.#attempt) * (0.8 + 0.4 * random());
    this.#attempt++;
    this.#retryTimer = setTimeout(() => this.#open(), delay);
  }

  #startPing(ws: SocketLike): void {
    const { pingMs } = this.#opts;
    this.#pingTimer = setInterval(() => {
      // Half-open TCP connections (a laptop waking up, a proxy dropping idle sockets) never fire close.
      // Closing such a socket can itself hang until a timeout, so it is given up on at once.
      if (Date.now() - this.#lastHeard > 2 * pingMs) {
        ws.onclose = null;
        ws.close(4000, 'no answer to ping');
        return this.#closed(ws);
      }
      this.#send({ type: 'ping' });
    }, pingMs);
  }

  #send(msg: ClientMessage): void {
    if (this.#ws?.readyState === OPEN) this.#ws.send(JSON.stringify(msg));
  }

  #clearTimers(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    this.#retryTimer = null;
    this.#pingTimer = null;
  }

  #setStatus(status: LiveStatus, reconnected: boolean): void {
    if (status === this.#status && !reconnected) return;
    this.#status = status;
    this.#statusListeners.forEach((l) => l(status, { reconnected }));
  }
}

function parse(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const msg = JSON.parse(data) as unknown;
    return typeof msg === 'object' && msg !== null && 'type' in msg ? (msg as ServerMessage) : null;
  } catch {
    return null;
  }
}
