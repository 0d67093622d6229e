import { afterEach, describe, expect, it } from 'vitest';
import { EventLoopDelayMonitor } from './event-loop-delay.js';

let monitor: EventLoopDelayMonitor | undefined;
afterEach(() => monitor?.stop());

describe('EventLoopDelayMonitor', () => {
  it('sees the event loop held up', async () => {
    monitor = new EventLoopDelayMonitor();
    await new Promise((r) => setTimeout(r, 50));
    const end = Date.now() + 150;
    while (Date.now() < end) {
      // hold the loop, as a long synchronous task would
    }
    await new Promise((r) => setTimeout(r, 30));
    const d = monitor.read();
    expect(d.max).toBeGreaterThan(0.1);
    expect(d.p50).toBeLessThan(d.max);
    expect(d.windowStart).toBeLessThanOrEqual(Date.now());
  });
});
