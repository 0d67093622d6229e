import type { ServerMessage, Topic } from '@harbourmaster/contracts';

type Listener = (msg: ServerMessage) => void;

/**
 * The one live WebSocket (/api/ws): subscribes to topics, reconnects with backoff and subscribes
 * again after a reconnect, so callers only say what they want to hear.
 */
export class LiveSocket {
  readonly #topics = new Set<Topic>();
  readonly #listeners = new Set<Listener>();
  #ws: WebSocket | null = null;
  #retryMs = 500;
  #closed = false;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly url: string) {}

  /** Opens the socket (again) unless closed for good. */
  connect(): void {
    if (this.#closed || this.#ws) return;
    const ws = new WebSocket(this.url);
    this.#ws = ws;
    ws.onopen = () => {
      this.#retryMs = 500;
      if (this.#topics.size > 0) ws.send(JSON.stringify({ type: 'subscribe', topics: [...this.#topics] }));
    };
    ws.onmessage = (e: { data: unknown }) => {
      const msg = JSON.parse(String(e.data)) as ServerMessage;
      this.#listeners.forEach((l) => l(msg));
    };
    ws.onclose = () => {
      this.#ws = null;
      if (this.#closed) return;
      this.#timer = setTimeout(() => this.connect(), this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, 10_000);
    };
  }

  subscribe(topics: Topic[]): void {
    const fresh = topics.filter((t) => !this.#topics.has(t));
    fresh.forEach((t) => this.#topics.add(t));
    if (fresh.length > 0 && this.#ws?.readyState === WebSocket.OPEN) {
      this.#ws.send(JSON.stringify({ type: 'subscribe', topics: fresh }));
    }
  }

  /** Adds a listener; returns the function that removes it. */
  on(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#ws?.close();
  }
}
