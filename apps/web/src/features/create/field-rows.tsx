import { useId, type ReactNode } from 'react';

const INPUT =
  'w-full rounded-md border bg-bg px-2 py-1.5 text-sm outline-none focus:border-accent aria-invalid:border-bad';
const LABEL = 'mb-1 block text-xs font-medium text-muted';

/**
 * A text field with its label always visible above it (a placeholder is only an example and goes
 * as soon as someone types). `rowLabel` adds words only screen readers hear, e.g. "row 2", so that
 * fields repeated in rows have distinct names while the eye sees one short label.
 */
export function TextInput({
  label,
  rowLabel,
  value,
  onChange,
  onBlur,
  placeholder,
  mono,
  width = 'w-full',
  problem,
  describedBy,
  hint,
  list,
}: {
  label: string;
  rowLabel?: string;
  value: string;
  onChange: (v: string) => void;
  /** Called when the field is left: from then on its problems show. */
  onBlur?: () => void;
  placeholder?: string;
  mono?: boolean;
  width?: string;
  /** A problem to show under the field, already in plain words. */
  problem?: string | undefined;
  /** The id of a problem shown elsewhere (under a row) that is about this field. */
  describedBy?: string | undefined;
  hint?: ReactNode;
  /** The id of a <datalist> of suggestions. */
  list?: string;
}) {
  const id = useId();
  const problemId = problem ? `${id}-problem` : describedBy;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={width}>
      <label htmlFor={id} className={LABEL}>
        {label}
        {rowLabel && <span className="sr-only"> {rowLabel}</span>}
      </label>
      <input
        id={id}
        value={value}
        placeholder={placeholder}
        list={list}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        aria-invalid={problemId ? true : undefined}
        aria-describedby={[problemId, hintId].filter(Boolean).join(' ') || undefined}
        className={`${INPUT} ${problemId ? 'border-bad' : 'border-line'} ${mono ? 'font-mono' : ''}`}
      />
      {problem && <ProblemText id={`${id}-problem`}>{problem}</ProblemText>}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-muted">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A select with a visible label, same look as the text fields. */
export function SelectInput<V extends string>({
  label,
  value,
  options,
  onChange,
  width = 'w-full',
}: {
  label: string;
  value: V;
  options: ReadonlyArray<readonly [V, string]>;
  onChange: (v: V) => void;
  width?: string;
}) {
  const id = useId();
  return (
    <div className={width}>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as V)}
        className="w-full rounded-md border border-line bg-bg px-2 py-1.5 text-sm"
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A problem in plain words, announced when it appears. */
export function ProblemText({ id, children }: { id?: string | undefined; children: ReactNode }) {
  return (
    <p id={id} role="alert" className="mt-1 text-xs text-bad">
      {children}
    </p>
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
    <div className="space-y-3">
      {rows.map((row, i) => (
        <div key={i} className="flex flex-wrap items-start gap-2">
          {render(row, i)}
          <button
            type="button"
            aria-label={`Remove row ${i + 1}`}
            onClick={() => onRemove(i)}
            className="mt-5 px-2 py-1.5 text-muted hover:text-bad"
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
