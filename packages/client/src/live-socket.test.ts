import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveSocket, type SocketLike } from './live-socket.js';
import type { Topic } from '@harbourmaster/contracts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closedWith: number | undefined;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
  /** The server accepts the handshake. */
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  /** The connection drops (or the handshake fails). */
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  emit(msg: unknown) {
    this.onmessage?.({ data: typeof msg === 'string' ? msg : JSON.stringify(msg) });
  }
}

let sockets: FakeSocket[];
const latest = () => {
  const s = sockets.at(-1);
  if (!s) throw new Error('no socket opened');
  return s;
};
const make = () =>
  new LiveSocket('ws://x/api/ws', {
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    minDelayMs: 100,
    maxDelayMs: 1000,
    pingMs: 1000,
    random: () => 0.5, // no jitter: delays are exactly 100, 200, 400…
  });

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('LiveSocket', () => {
  it('subscribes on open to every topic held, and hears typed events of one topic', () => {
    const live = make();
    const seen: string[] = [];
    live.listen('containers', (e) => seen.push(`${e.name}:${e.state}`));
    live.connect();
    latest().open();
    expect(latest().sent).toEqual([{ type: 'subscribe', topics: ['containers'] }]);
    latest().emit({
      type: 'event',
      topic: 'containers',
      data: { hostId: 'local', containerId: 'abc', name: 'web', action: 'stop', state: 'exited', at: 1 },
    });
    latest().emit({ type: 'event', topic: 'hosts', data: { hostId: 'local', reachable: true, error: null } });
    latest().emit('not json at all');
    expect(seen).toEqual(['web:exited']);
  });

  it('counts subscribers: a topic is unsubscribed only when the last holder lets go', () => {
    const live = make();
    live.connect();
    latest().open();
    const a = live.subscribe(['containers']);
    const b = live.subscribe(['containers', 'hosts']);
    a();
    a(); // releasing twice is harmless
    expect(latest().sent).toEqual([
      { type: 'subscribe', topics: ['containers'] },
      { type: 'subscribe', topics: ['hosts'] },
    ]);
    b();
    expect(latest().sent.at(-1)).toEqual({ type: 'unsubscribe', topics: ['containers', 'hosts'] });
  });

  it('reconnects with growing delays, subscribes again and reports the reconnect', () => {
    const live = make();
    const statuses: string[] = [];
    live.onStatus((s, { reconnected }) => statuses.push(reconnected ? `${s} (again)` : s));
    live.subscribe(['engine-events']);
    live.connect();
    latest().open();
    latest().drop();
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    latest().drop(); // the daemon is still down
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    latest().open();
    expect(latest().sent).toEqual([{ type: 'subscribe', topics: ['engine-events'] }]);
    expect(statuses).toEqual([
      'connecting',
      'open',
      'closed',
      'connecting',
      'closed',
      'connecting',
      'open (again)',
    ]);
  });

  it('replaces a socket that stops answering pings', () => {
    const live = make();
    live.connect();
    latest().open();
    vi.advanceTimersByTime(1000);
    expect(latest().sent).toContainEqual({ type: 'ping' });
    latest().emit({ type: 'pong' });
    vi.advanceTimersByTime(2000);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1000); // silent for more than two intervals
    expect(sockets[0]?.closedWith).toBe(4000);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
  });

  it('stays closed after disconnect and keeps the subscriptions for the next connect', () => {
    const live = make();
    live.subscribe(['jobs']);
    live.connect();
    latest().open();
    live.disconnect();
    expect(live.status).toBe('closed');
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    live.connect();
    latest().open();
    expect(sockets).toHaveLength(2);
    expect(latest().sent).toEqual([{ type: 'subscribe', topics: ['jobs'] }]);
  });

  it('sends more than 50 topics in messages of at most 50, on subscribe, unsubscribe and reconnect', () => {
    const row = (i: number): Topic => `metrics:local:${i.toString(16).padStart(64, '0')}`;
    const rows = Array.from({ length: 120 }, (_, i) => row(i));
    const live = make();
    live.connect();
    latest().open();
    const release = live.subscribe(rows);
    const sizes = () =>
      latest().sent.map((m) => `${(m as { type: string }).type}:${(m as { topics: [] }).topics.length}`);
    expect(sizes()).toEqual(['subscribe:50', 'subscribe:50', 'subscribe:20']);
    expect((latest().sent[2] as { topics: string[] }).topics).toEqual(rows.slice(100));
    latest().drop();
    vi.advanceTimersByTime(100);
    latest().open();
    expect(sizes()).toEqual(['subscribe:50', 'subscribe:50', 'subscribe:20']);
    release();
    expect(sizes().slice(3)).toEqual(['unsubscribe:50', 'unsubscribe:50', 'unsubscribe:20']);
  });

  it('follows a changing set of topics: subscribes what is new, lets go of what is gone', () => {
    const live = make();
    live.connect();
    latest().open();
    const rows = live.follower();
    rows.set(['containers', 'hosts']);
    rows.set(['hosts', 'jobs']);
    rows.set(['hosts', 'jobs']); // nothing changed: nothing sent
    const other = live.subscribe(['jobs']);
    rows.close();
    other();
    expect(latest().sent).toEqual([
      { type: 'subscribe', topics: ['containers', 'hosts'] },
      { type: 'subscribe', topics: ['jobs'] },
      { type: 'unsubscribe', topics: ['containers'] },
      // 'jobs' is still held by the other subscriber when the follower closes.
      { type: 'unsubscribe', topics: ['hosts'] },
      { type: 'unsubscribe', topics: ['jobs'] },
    ]);
  });
});
