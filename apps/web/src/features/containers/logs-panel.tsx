import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LogLine } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { Icon } from '../../components/icon.js';
import { useLogStream, type Numbered } from './use-log-stream.js';

type Stream = 'all' | 'stdout' | 'stderr';

function highlighter(q: string): (text: string) => ReactNode {
  if (!q) return (text) => text;
  const re = new RegExp(`(${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'gi');
  return (text) => text.split(re).map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : p));
}

function statusText(status: ReturnType<typeof useLogStream>['status'], paused: boolean): string {
  switch (status) {
    case 'live':
      return paused ? 'Paused — new lines are kept' : 'Following';
    case 'connecting':
      return 'Connecting…';
    case 'ended':
      return 'Container stopped; the stream ended';
    case 'error':
      return 'The stream closed';
  }
}

function download(name: string, lines: readonly LogLine[]) {
  const text = lines.map((l) => `${l.ts ?? ''} ${l.stream} ${l.line}`.trimStart()).join('\n');
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain' }));
  a.download = `${name}-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.log`;
  a.click();
  URL.revokeObjectURL(a.href);
}

/** Live logs over server-sent events: pause, search with highlight, stream filter, timestamps, download. */
export function LogsPanel({
  host,
  id,
  name,
  running,
}: {
  host: string;
  id: string;
  name: string;
  running: boolean;
}) {
  const [paused, setPaused] = useState(false);
  const [q, setQ] = useState('');
  const [stream, setStream] = useState<Stream>('all');
  const [showTs, setShowTs] = useState(false);
  const [stick, setStick] = useState(true);
  const { lines, status, reconnect } = useLogStream(
    api.logStreamUrl(host, id, { tail: 500, timestamps: true }),
    {
      paused,
      // A container that starts again has a new log to follow.
      restartKey: running,
    },
  );
  const box = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => {
    const needle = q.toLowerCase();
    return lines.filter(
      (l: Numbered) =>
        (stream === 'all' || l.stream === stream) && (!needle || l.line.toLowerCase().includes(needle)),
    );
  }, [lines, stream, q]);
  const mark = useMemo(() => highlighter(q), [q]);

  // Stay at the newest line unless the person scrolled up to read.
  useEffect(() => {
    if (stick && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [shown, stick]);
  const onScroll = () => {
    const el = box.current;
    if (el) setStick(el.scrollHeight - el.scrollTop - el.clientHeight < 24);
  };

  const control = 'h-8 rounded-md border border-line bg-bg px-2 text-sm outline-none focus:border-accent';
  return (
    <div className="flex h-[calc(100dvh-250px)] min-h-96 flex-col overflow-hidden rounded-xl border border-line bg-surface">
      <div className="flex flex-wrap items-center gap-2 border-b border-line p-2">
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search logs…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className={`${control} w-52`}
        />
        <select
          aria-label="Stream"
          value={stream}
          onChange={(e) => setStream(e.target.value as Stream)}
          className={control}
        >
          <option value="all">stdout + stderr</option>
          <option value="stdout">stdout only</option>
          <option value="stderr">stderr only</option>
        </select>
        <label className="flex items-center gap-1.5 text-sm text-muted">
          <input
            type="checkbox"
            checked={showTs}
            onChange={(e) => setShowTs(e.target.checked)}
            className="accent-[var(--accent)]"
          />
          Timestamps
        </label>
        <Button variant="ghost" onClick={() => setPaused(!paused)} aria-pressed={paused}>
          <Icon name={paused ? 'play' : 'pause'} />
          {paused ? 'Resume' : 'Pause'}
        </Button>
        <Button variant="ghost" onClick={() => download(name, lines)} disabled={lines.length === 0}>
          <Icon name="download" />
          Download
        </Button>
        <span className="ml-auto flex items-center gap-2 text-xs text-muted" aria-live="polite">
          {status === 'live' && !paused && (
            <span className="size-1.5 animate-pulse rounded-full bg-ok" aria-hidden />
          )}
          {statusText(status, paused)}
          {q && ` · ${shown.length} matching`}
          {(status === 'error' || status === 'ended') && (
            <button className="font-medium text-accent hover:underline" onClick={reconnect}>
              Reconnect
            </button>
          )}
        </span>
      </div>
      <div className="relative min-h-0 flex-1">
        <div
          ref={box}
          onScroll={onScroll}
          className="h-full overflow-auto p-3 font-mono text-xs leading-5"
          data-testid="log-lines"
          tabIndex={0}
          aria-label={`Log of ${name}`}
        >
          {shown.length === 0 && (
            <p className="text-muted">
              {lines.length === 0
                ? status === 'connecting'
                  ? 'Loading the last 500 lines…'
                  : 'This container has written no log lines yet.'
                : 'No line matches the search or the stream filter.'}
            </p>
          )}
          {shown.map((l) => (
            <div
              key={l.seq}
              className={`break-all whitespace-pre-wrap ${l.stream === 'stderr' ? 'text-warn' : ''}`}
            >
              {showTs && l.ts && (
                <span className="mr-2 text-muted select-none" title={l.ts}>
                  {l.ts.slice(11, 23)}
                </span>
              )}
              {mark(l.line)}
            </div>
          ))}
        </div>
        {!stick && (
          <button
            className="absolute right-4 bottom-3 rounded-full border border-line bg-surface-2 px-3 py-1 text-xs shadow-lg hover:text-accent"
            onClick={() => setStick(true)}
          >
            ↓ Jump to latest
          </button>
        )}
      </div>
    </div>
  );
}
