import type { ReactNode } from 'react';
import { inputClass, ProblemNote } from './auth-card.js';
import type { Field, SetupForm } from './setup-wizard-state.js';

/**
 * What every step gets: the form, how to change it, and the problem to show now for a field. A step
 * that needs only some fields takes a narrower form, so the Admin page's settings can use it too.
 */
export interface StepProps<F extends object = SetupForm> {
  form: F;
  set: (patch: Partial<F>) => void;
  /** The problem to show now (after the person acted on the field), in plain words. */
  problemOf: (field: keyof F & Field) => string | undefined;
  /** Marks a field as acted on: from then on its problems show. */
  touch: (field: keyof F & Field) => void;
}

/** The ids of the hint and problem under a field, for its aria-describedby. */
export const describedBy = (id: string, hint: boolean, problem: string | undefined) =>
  [problem ? `${id}-problem` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;

/**
 * A field with its label always visible above it, a hint under it, and its problem under that:
 * `children` is the control, which takes `id` and points at the hint and problem itself.
 */
export function LabelledField({
  id,
  label,
  hint,
  problem,
  first = false,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  problem: string | undefined;
  first?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={first ? '' : 'mt-4'}>
      <label className="block text-sm font-medium" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-muted">
          {hint}
        </p>
      )}
      {problem && <ProblemNote id={`${id}-problem`} problem={{ field: null, message: problem }} />}
    </div>
  );
}

/** A text input wired to one form field: its value, its problem, and "acted on" when left. */
export function TextField<F extends Partial<Record<Field, string>>>({
  field,
  id,
  label,
  hint,
  step,
  type = 'text',
  autoComplete,
  placeholder,
  mono = false,
  first = false,
  readOnly = false,
}: {
  field: keyof F & Field;
  id: string;
  label: string;
  hint?: ReactNode;
  step: StepProps<F>;
  type?: 'text' | 'password' | 'email';
  autoComplete?: string;
  placeholder?: string;
  mono?: boolean;
  first?: boolean;
  readOnly?: boolean;
}) {
  const problem = readOnly ? undefined : step.problemOf(field);
  return (
    <LabelledField id={id} label={label} hint={hint} problem={problem} first={first}>
      <input
        id={id}
        type={type}
        value={step.form[field] ?? ''}
        readOnly={readOnly}
        autoComplete={autoComplete}
        autoCapitalize="none"
        spellCheck={false}
        placeholder={placeholder}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(id, Boolean(hint), problem)}
        onChange={(e) => step.set({ [field]: e.target.value } as Partial<F>)}
        onBlur={() => step.touch(field)}
        className={`${inputClass} ${mono ? 'font-mono' : ''} ${readOnly ? 'cursor-default bg-surface-2 text-muted' : ''}`}
      />
    </LabelledField>
  );
}

/**
 * A command to type on the machine, copyable as it reads. Long lines wrap (a copy keeps them whole)
 * rather than scroll: a scrolling box would need a keyboard stop of its own.
 */
export function Command({ children }: { children: string }) {
  return (
    <code className="mt-1 block rounded-md border border-line bg-bg px-2.5 py-1.5 font-mono text-xs wrap-anywhere whitespace-pre-wrap text-fg">
      {children}
    </code>
  );
}
