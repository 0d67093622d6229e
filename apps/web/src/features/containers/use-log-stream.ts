import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogLine } from '@harbourmaster/contracts';

/** Lines kept in the page; older ones fall off (Download saves what is kept). */
const KEEP = 5000;
/** Lines arrive in bursts; the page renders at most this often. */
const FLUSH_MS = 60;

export type Numbered = LogLine & { seq: number };
export type StreamStatus = 'connecting' | 'live' | 'ended' | 'error';

/**
 * Follows a log stream (server-sent events, one `log` event per line, `end` when the container
 * stops). While paused, lines are kept but not shown, and appear all at once on resume.
 */
export function useLogStream(url: string, opts: { paused: boolean; restartKey: unknown }) {
  const [lines, setLines] = useState<Numbered[]>([]);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [attempt, setAttempt] = useState(0);
  const pending = useRef<Numbered[]>([]);
  const paused = useRef(opts.paused);
  const flushNow = useRef<() => void>(() => undefined);

  useEffect(() => {
    let seq = 0;
    let opened = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    pending.current = [];
    setLines([]);
    setStatus('connecting');
    const es = new EventSource(url);
    const flush = () => {
      timer = null;
      if (paused.current || pending.current.length === 0) return;
      const add = pending.current.splice(0);
      setLines((old) => (old.length + add.length > KEEP ? [...old, ...add].slice(-KEEP) : [...old, ...add]));
    };
    flushNow.current = flush;
    es.onopen = () => {
      // EventSource reconnects by itself after a drop, and the server sends the tail again: start over
      // rather than show those lines twice.
      if (opened) {
        pending.current = [];
        setLines([]);
      }
      opened = true;
      setStatus('live');
    };
    es.addEventListener('log', (e) => {
      const line = JSON.parse((e as MessageEvent<string>).data) as LogLine;
      pending.current.push({ ...line, seq: seq++ });
      if (pending.current.length > KEEP) pending.current.splice(0, pending.current.length - KEEP);
      timer ??= setTimeout(flush, FLUSH_MS);
    });
    es.addEventListener('end', () => {
      es.close();
      flush();
      setStatus('ended');
    });
    es.onerror = (e) => {
      // The server names its own failure event `error` too (the engine broke off the log); that one
      // carries data and is final, unlike a dropped connection that EventSource retries by itself.
      if (e instanceof MessageEvent || es.readyState === EventSource.CLOSED) {
        es.close();
        flush();
        setStatus('error');
      } else setStatus('connecting');
    };
    return () => {
      es.close();
      if (timer) clearTimeout(timer);
    };
  }, [url, opts.restartKey, attempt]);

  useEffect(() => {
    paused.current = opts.paused;
    if (!opts.paused) flushNow.current();
  }, [opts.paused]);

  const reconnect = useCallback(() => setAttempt((n) => n + 1), []);
  return { lines, status, reconnect };
}
