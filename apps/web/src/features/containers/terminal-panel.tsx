import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { api } from '../../lib/api.js';

/** A shell in the container over the exec WebSocket; loaded only when the tab is opened. */
export default function TerminalPanel({ host, id }: { host: string; id: string }) {
  const el = useRef<HTMLDivElement>(null);
  const [state, setState] = useState('connecting…');

  useEffect(() => {
    if (!el.current) return;
    const dark = document.documentElement.dataset.theme !== 'light';
    const term = new Terminal({
      fontFamily: 'JetBrains Mono, monospace',
      fontSize: 13,
      cursorBlink: true,
      theme: dark
        ? { background: '#0b0c0f', foreground: '#e7e8ec' }
        : { background: '#ffffff', foreground: '#16181d', cursor: '#16181d' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el.current);
    fit.fit();
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(
      `${proto}://${location.host}${api.execUrl(host, id)}&cols=${term.cols}&rows=${term.rows}`,
    );
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      setState('connected');
      term.focus();
    };
    ws.onmessage = (e: MessageEvent<ArrayBuffer | string>) => {
      if (typeof e.data !== 'string') return term.write(new Uint8Array(e.data));
      const msg = JSON.parse(e.data) as { type: string; code?: number | null; message?: string };
      setState(msg.type === 'exit' ? `exited with code ${msg.code ?? '?'}` : `error: ${msg.message ?? ''}`);
    };
    ws.onclose = () => setState((s) => (s === 'connected' ? 'closed' : s));
    const input = term.onData(
      (data) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ type: 'input', data })),
    );
    const resize = term.onResize(
      ({ cols, rows }) =>
        ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ type: 'resize', cols, rows })),
    );
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      input.dispose();
      resize.dispose();
      ws.close();
      term.dispose();
    };
  }, [host, id]);

  return (
    <div className="rounded-xl border border-line bg-surface p-2">
      <p className="mb-2 px-1 text-xs text-muted" aria-live="polite" data-testid="terminal-state">
        /bin/sh · {state}
      </p>
      <div ref={el} className="h-[calc(100vh-280px)] min-h-72" data-testid="terminal" />
    </div>
  );
}
