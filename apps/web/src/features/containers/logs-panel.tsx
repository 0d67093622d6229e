import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LogLine } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { Button } from '../../components/button.js';

const KEEP = 5000;

function highlight(text: string, q: string): ReactNode {
  if (!q) return text;
  const parts = text.split(new RegExp(`(${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'gi'));
  return parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : p));
}

/** Live logs over server-sent events: pause, search with highlight, stream filter, timestamps, download. */
export function LogsPanel({ host, id, name }: { host: string; id: string; name: string }) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [paused, setPaused] = useState(false);
  const [q, setQ] = useState('');
  const [stream, setStream] = useState<'all' | 'stdout' | 'stderr'>('all');
  const [showTs, setShowTs] = useState(false);
  const [status, setStatus] = useState<'connecting' | 'live' | 'ended' | 'error'>('connecting');
  const pausedRef = useRef(false);
  const buffer = useRef<LogLine[]>([]);
  const box = useRef<HTMLDivElement>(null);
  pausedRef.current = paused;

  useEffect(() => {
    setLines([]);
    const es = new EventSource(api.logStreamUrl(host, id, 500) + '&timestamps=true');
    let flush: ReturnType<typeof setTimeout> | null = null;
    // Lines arrive in bursts; render at most ~20 times a second.
    const schedule = () => {
      flush ??= setTimeout(() => {
        flush = null;
        if (pausedRef.current) return;
        const add = buffer.current.splice(0);
        setLines((old) => [...old, ...add].slice(-KEEP));
      }, 50);
    };
    es.onopen = () => setStatus('live');
    es.addEventListener('log', (e) => {
      buffer.current.push(JSON.parse((e as MessageEvent<string>).data) as LogLine);
      schedule();
    });
    es.addEventListener('end', () => {
      setStatus('ended');
      es.close();
    });
    es.onerror = () => setStatus(es.readyState === EventSource.CLOSED ? 'error' : 'connecting');
    return () => {
      es.close();
      if (flush) clearTimeout(flush);
    };
  }, [host, id]);

  useEffect(() => {
    if (!paused && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, paused]);

  const shown = useMemo(
    () =>
      lines.filter(
        (l) =>
          (stream === 'all' || l.stream === stream) && (!q || l.line.toLowerCase().includes(q.toLowerCase())),
      ),
    [lines, stream, q],
  );

  const download = () => {
    const text = lines.map((l) => `${l.ts ?? ''} ${l.stream} ${l.line}`).join('\n');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    a.download = `${name}.log`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <div className="flex h-[calc(100vh-230px)] min-h-80 flex-col rounded-xl border border-line bg-surface">
      <div className="flex flex-wrap items-center gap-2 border-b border-line p-2">
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search logs…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="w-48 rounded-md border border-line bg-bg px-2 py-1 text-sm outline-none focus:border-accent"
        />
        <select
          aria-label="Stream"
          value={stream}
          onChange={(e) => setStream(e.target.value as typeof stream)}
          className="rounded-md border border-line bg-bg px-2 py-1 text-sm"
        >
          <option value="all">stdout + stderr</option>
          <option value="stdout">stdout</option>
          <option value="stderr">stderr</option>
        </select>
        <label className="flex items-center gap-1 text-sm text-muted">
          <input type="checkbox" checked={showTs} onChange={(e) => setShowTs(e.target.checked)} /> Timestamps
        </label>
        <Button variant="ghost" onClick={() => setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </Button>
        <Button variant="ghost" onClick={download}>
          Download
        </Button>
        <span className="ml-auto text-xs text-muted" aria-live="polite">
          {status === 'live'
            ? paused
              ? 'paused'
              : '● live'
            : status === 'ended'
              ? 'container stopped — stream ended'
              : status === 'error'
                ? 'disconnected; reload to retry'
                : 'connecting…'}
          {q && ` · ${shown.length} matches`}
        </span>
      </div>
      <div ref={box} className="flex-1 overflow-auto p-3 font-mono text-xs leading-5" data-testid="log-lines">
        {shown.length === 0 && (
          <p className="text-muted">{lines.length === 0 ? 'No log lines yet.' : 'No line matches.'}</p>
        )}
        {shown.map((l, i) => (
          <div key={i} className={`whitespace-pre-wrap break-all ${l.stream === 'stderr' ? 'text-bad' : ''}`}>
            {showTs && l.ts && <span className="mr-2 text-muted">{l.ts.slice(11, 23)}</span>}
            {highlight(l.line, q)}
          </div>
        ))}
      </div>
    </div>
  );
}
