/**
 * One operation per stack at a time: each waits for the one before it on the same stack (a deploy
 * during a deploy would race Compose against itself). Different stacks run side by side.
 */
export class StackQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `op` after everything queued for `key`; `onWait` is told when it has to wait. */
  async run<T>(key: string, op: () => Promise<T>, onWait?: () => void): Promise<T> {
    const before = this.#tails.get(key);
    if (before) onWait?.();
    const mine = (before ?? Promise.resolve()).catch(() => undefined).then(op);
    const tail = mine.catch(() => undefined);
    this.#tails.set(key, tail);
    try {
      return await mine;
    } finally {
      // The last one out clears the key, so the map does not grow with every stack ever touched.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
