import { useEffect, useRef, useState } from 'react';
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { ExecClientMessage, ExecServerMessage } from '@harbourmaster/contracts';
import { api, socketUrl } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { EmptyState } from '../../components/feedback.js';

const SHELLS = ['/bin/sh', '/bin/bash', '/bin/ash'] as const;

/** The terminal's colours from the page's theme variables, so it matches either theme. */
function themeFromPage(): ITheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    background: v('--surface'),
    foreground: v('--text'),
    cursor: v('--text'),
    cursorAccent: v('--surface'),
    // The theme colours are 6-digit hex; 59 is 35 % alpha.
    selectionBackground: `${v('--accent')}59`,
  };
}

/**
 * A shell in the container over the exec WebSocket: output arrives as binary frames, keystrokes and
 * size changes go out as JSON text frames. Ctrl+Shift+C / Ctrl+Shift+V copy and paste, since plain
 * Ctrl+C belongs to the shell. Loaded only when the tab is opened.
 */
export default function TerminalPanel({ host, id, running }: { host: string; id: string; running: boolean }) {
  const el = useRef<HTMLDivElement>(null);
  const [state, setState] = useState('connecting…');
  const [shell, setShell] = useState<string>(SHELLS[0]);
  const [session, setSession] = useState(0);

  useEffect(() => {
    const mount = el.current;
    if (!mount || !running) return;
    const term = new Terminal({
      fontFamily: "'JetBrains Mono', ui-monospace, monospace",
      fontSize: 13,
      cursorBlink: true,
      scrollback: 5000,
      theme: themeFromPage(),
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(mount);
    fit.fit();
    setState('connecting…');
    const ws = new WebSocket(
      socketUrl(api.execUrl(host, id, { cmd: [shell], cols: term.cols, rows: term.rows })),
    );
    ws.binaryType = 'arraybuffer';
    const send = (msg: ExecClientMessage) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(msg));

    ws.onopen = () => {
      setState('connected');
      term.focus();
    };
    ws.onmessage = (e: MessageEvent<ArrayBuffer | string>) => {
      if (typeof e.data !== 'string') return term.write(new Uint8Array(e.data));
      const msg = JSON.parse(e.data) as ExecServerMessage;
      setState(msg.type === 'exit' ? `exited with code ${msg.code ?? '?'}` : `error: ${msg.message}`);
    };
    ws.onclose = (e) =>
      setState((s) =>
        s === 'connected' ? 'closed' : s === 'connecting…' ? `could not connect (${e.code})` : s,
      );

    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
      if (e.code === 'KeyC' && term.hasSelection()) {
        void navigator.clipboard.writeText(term.getSelection());
        return false;
      }
      if (e.code === 'KeyV') {
        void navigator.clipboard.readText().then((text) => term.paste(text));
        return false;
      }
      return true;
    });
    const input = term.onData((data) => send({ type: 'input', data }));
    const resize = term.onResize(({ cols, rows }) => send({ type: 'resize', cols, rows }));
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(mount);
    const retheme = () => {
      term.options.theme = themeFromPage();
    };
    window.addEventListener('hm:theme', retheme);
    return () => {
      window.removeEventListener('hm:theme', retheme);
      observer.disconnect();
      input.dispose();
      resize.dispose();
      ws.close();
      term.dispose();
    };
  }, [host, id, shell, session, running]);

  if (!running)
    return (
      <EmptyState title="The container is not running">
        A shell runs inside a running container. Start it first, then open the terminal again.
      </EmptyState>
    );
  const ended = state !== 'connected' && state !== 'connecting…';
  return (
    <div className="overflow-hidden rounded-xl border border-line bg-surface">
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-3 py-2 text-xs text-muted">
        <select
          aria-label="Shell"
          value={shell}
          onChange={(e) => setShell(e.target.value)}
          className="h-7 rounded-md border border-line bg-bg px-1.5 font-mono text-xs"
        >
          {SHELLS.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <span aria-live="polite" data-testid="terminal-state">
          {shell} · {state}
        </span>
        {ended && (
          <Button variant="ghost" className="h-7" onClick={() => setSession((n) => n + 1)}>
            New session
          </Button>
        )}
        <span className="ml-auto hidden sm:inline">Ctrl+Shift+C copy · Ctrl+Shift+V paste</span>
      </div>
      <div ref={el} className="h-[calc(100dvh-300px)] min-h-72 p-2" data-testid="terminal" />
    </div>
  );
}
