import type { ReactNode } from 'react';

const INPUT = 'rounded-md border border-line bg-bg px-2 py-1.5 text-sm outline-none focus:border-accent';

export function TextInput({
  label,
  value,
  onChange,
  placeholder,
  mono,
  width = 'w-full',
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  mono?: boolean;
  width?: string;
}) {
  return (
    <input
      aria-label={label}
      placeholder={placeholder ?? label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className={`${INPUT} ${width} ${mono ? 'font-mono' : ''}`}
    />
  );
}

/** A problem from the server's check, shown under the field it is about. */
export function FieldProblem({
  problems,
  field,
}: {
  problems: Array<{ field: string; message: string }>;
  field: string;
}) {
  const mine = problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`));
  if (mine.length === 0) return null;
  return (
    <>
      {mine.map((p) => (
        <p key={p.field + p.message} role="alert" className="mt-1 text-xs text-bad">
          {p.message}
        </p>
      ))}
    </>
  );
}

/** A list of rows with add and remove buttons (ports, mounts, env, labels). */
export function RowList<T>({
  rows,
  render,
  onAdd,
  onRemove,
  addLabel,
  children,
}: {
  rows: T[];
  render: (row: T, i: number) => ReactNode;
  onAdd: () => void;
  onRemove: (i: number) => void;
  addLabel: string;
  children?: ReactNode;
}) {
  return (
    <div className="space-y-2">
      {rows.map((row, i) => (
        <div key={i} className="flex flex-wrap items-start gap-2">
          {render(row, i)}
          <button
            type="button"
            aria-label={`Remove row ${i + 1}`}
            onClick={() => onRemove(i)}
            className="px-2 py-1.5 text-muted hover:text-bad"
          >
            ×
          </button>
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={onAdd}
          className="rounded-md border border-dashed border-line px-3 py-1 text-xs text-muted hover:text-fg"
        >
          + {addLabel}
        </button>
        {children}
      </div>
    </div>
  );
}
