import { useEffect, useMemo, useRef, useState } from 'react';
import type { StackLogLine } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { Icon } from '../../components/icon.js';
import { useLogStream } from '../containers/use-log-stream.js';

// Source prefixes get one of a few colours (each readable on the surface in both themes), so the
// services of a merged log can be told apart at a glance; the name is always there too.
const SOURCE_CLASSES = ['text-accent', 'text-ok', 'text-warn', 'text-fg'];

function sourceClass(source: string, sources: string[]): string {
  const i = sources.indexOf(source);
  return SOURCE_CLASSES[(i < 0 ? 0 : i) % SOURCE_CLASSES.length] ?? 'text-fg';
}

/** The stack's live logs: every service merged, or one, each line with the container it came from. */
export function StackLogsPanel({
  host,
  name,
  services,
  service,
  onService,
  containers,
}: {
  host: string;
  name: string;
  services: string[];
  service: string;
  onService: (service: string) => void;
  /** The stack's container ids: when a deploy replaces them, the view follows the new ones. */
  containers: string[];
}) {
  const [paused, setPaused] = useState(false);
  const [q, setQ] = useState('');
  const url = api.stackLogStreamUrl(host, name, { tail: 200, ...(service ? { service } : {}) });
  // `compose logs -f` follows the containers that exist when it starts; new ones start a new stream.
  const { lines, status, reconnect } = useLogStream(url, {
    paused,
    restartKey: `${service}|${[...containers].sort().join(',')}`,
  });
  const box = useRef<HTMLDivElement>(null);
  const [stick, setStick] = useState(true);
  const typed = lines as unknown as Array<StackLogLine & { seq: number }>;
  const sources = useMemo(() => [...new Set(typed.map((l) => l.source))].sort(), [typed]);
  const shown = useMemo(() => {
    const needle = q.toLowerCase();
    return needle ? typed.filter((l) => l.line.toLowerCase().includes(needle)) : typed;
  }, [typed, q]);
  useEffect(() => {
    if (stick && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [shown, stick]);

  const control = 'h-8 rounded-md border border-line bg-bg px-2 text-sm outline-none focus:border-accent';
  return (
    <div className="flex h-[calc(100dvh-300px)] min-h-80 flex-col overflow-hidden rounded-xl border border-line bg-surface">
      <div className="flex flex-wrap items-center gap-2 border-b border-line p-2">
        <select
          aria-label="Service"
          value={service}
          onChange={(e) => onService(e.target.value)}
          className={control}
        >
          <option value="">All services</option>
          {services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search logs…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className={`${control} w-52`}
        />
        <Button variant="ghost" onClick={() => setPaused(!paused)} aria-pressed={paused}>
          <Icon name={paused ? 'play' : 'pause'} />
          {paused ? 'Resume' : 'Pause'}
        </Button>
        <span className="ml-auto text-xs text-muted" role="status" data-testid="stack-log-status">
          {status === 'live'
            ? paused
              ? 'Paused — new lines are kept'
              : 'Following'
            : status === 'connecting'
              ? 'Connecting…'
              : status === 'ended'
                ? 'No container is running; the stream ended'
                : 'The stream closed'}
        </span>
        {(status === 'ended' || status === 'error') && (
          <Button variant="ghost" onClick={reconnect}>
            <Icon name="refresh" />
            Follow again
          </Button>
        )}
      </div>
      <div
        ref={box}
        tabIndex={0}
        role="log"
        aria-label={`Logs of ${service || 'all services'}`}
        onScroll={() => {
          const el = box.current;
          if (el) setStick(el.scrollHeight - el.scrollTop - el.clientHeight < 24);
        }}
        className="flex-1 overflow-auto px-3 py-2 font-mono text-xs leading-5"
        data-testid="stack-log-lines"
      >
        {shown.length === 0 ? (
          <p className="text-muted">{status === 'live' ? 'Waiting for lines…' : 'No lines.'}</p>
        ) : (
          shown.map((l) => (
            <div key={l.seq} className="whitespace-pre-wrap">
              {l.source && <span className={`${sourceClass(l.source, sources)} mr-2`}>{l.source}</span>}
              <span className={l.stream === 'stderr' ? 'text-bad' : 'text-fg'}>{l.line}</span>
            </div>
          ))
        )}
      </div>
    </div>
  );
}
