import { useRef, type KeyboardEvent } from 'react';

/**
 * Tabs as the WAI-ARIA pattern has them: arrow keys move between tabs, Tab moves into the panel.
 * Each tab controls `panel-<id>`; render the panel with `role="tabpanel"` and that id.
 */
export function Tabs<T extends string>({
  tabs,
  tab,
  labels,
  label,
  onSelect,
}: {
  tabs: readonly T[];
  tab: T;
  labels: Record<T, string>;
  /** The tab list's accessible name, e.g. "Container views". */
  label: string;
  onSelect: (t: T) => void;
}) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next);
    refs.current.get(next)?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label={label}
      className="mb-4 flex gap-1 overflow-x-auto border-b border-line"
      onKeyDown={onKey}
    >
      {tabs.map((t) => (
        <button
          key={t}
          ref={(el) => {
            if (el) refs.current.set(t, el);
          }}
          role="tab"
          id={`tab-${t}`}
          aria-selected={tab === t}
          aria-controls={`panel-${t}`}
          tabIndex={tab === t ? 0 : -1}
          onClick={() => onSelect(t)}
          className={`-mb-px border-b-2 px-3 py-2 text-sm transition-colors ${tab === t ? 'border-accent font-medium text-fg' : 'border-transparent text-muted hover:text-fg'}`}
        >
          {labels[t]}
        </button>
      ))}
    </div>
  );
}
