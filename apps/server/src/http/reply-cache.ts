import { EncodedBody } from './encoded-body.js';

interface Slot {
  stamp: string;
  builtAt: number;
  body: Promise<EncodedBody>;
}

/**
 * Serialised replies kept per query until what they were built from changes (`stamp`) or they are
 * `maxAgeMs` old; concurrent requests for a stale reply share one rebuild.
 */
export class ReplyCache {
  readonly #slots = new Map<string, Slot>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, stamp: string, build: () => Promise<unknown>): Promise<EncodedBody> {
    const now = this.now();
    const slot = this.#slots.get(key);
    if (slot && slot.stamp === stamp && now - slot.builtAt < this.maxAgeMs) return slot.body;
    const body = build().then((value) => EncodedBody.of(value));
    // A failed build is not kept: the next request tries again.
    body.catch(() => {
      if (this.#slots.get(key)?.body === body) this.#slots.delete(key);
    });
    this.#slots.delete(key);
    this.#slots.set(key, { stamp, builtAt: now, body });
    // Oldest first in insertion order: drop the least recently built queries.
    while (this.#slots.size > this.maxEntries) {
      const oldest = this.#slots.keys().next().value;
      if (oldest === undefined) break;
      this.#slots.delete(oldest);
    }
    return body;
  }
}
