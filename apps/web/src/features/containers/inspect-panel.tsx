import { useState } from 'react';
import type { ContainerInspect } from '@harbourmaster/contracts';
import { Button } from '../../components/button.js';
import { Icon } from '../../components/icon.js';
import { maskInspect } from './secret-env.js';

/** The engine's inspect document as JSON, secrets masked unless revealed, with a copy button. */
export function InspectPanel({ inspect, reveal }: { inspect: ContainerInspect; reveal: boolean }) {
  const text = JSON.stringify(reveal ? inspect : maskInspect(inspect), null, 2);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="relative rounded-xl border border-line bg-surface">
      <div className="absolute top-2 right-2">
        <Button variant="ghost" onClick={() => void copy().catch(() => setCopied(false))}>
          <Icon name={copied ? 'check' : 'copy'} />
          {copied ? 'Copied' : 'Copy JSON'}
        </Button>
      </div>
      {/* Focusable, so keyboard users can scroll the document too (it is taller than the screen). */}
      <pre
        tabIndex={0}
        aria-label="Inspect document"
        className="max-h-[calc(100dvh-260px)] min-h-64 overflow-auto p-4 font-mono text-xs leading-5"
      >
        {text}
      </pre>
    </div>
  );
}
