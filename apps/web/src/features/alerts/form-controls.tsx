import type { ComponentProps, ReactNode } from 'react';
import { inputClass, ProblemNote } from '../auth/auth-card.js';
import { describedBy, LabelledField } from '../auth/setup-fields.js';

/** A text input under its visible label, with its hint and problem under it (the wizard's field). */
export function TextInput({
  id,
  label,
  hint,
  problem,
  first = false,
  mono = false,
  value,
  onChange,
  ...rest
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  problem: string | undefined;
  first?: boolean;
  mono?: boolean;
  value: string;
  onChange: (value: string) => void;
} & Omit<ComponentProps<'input'>, 'id' | 'value' | 'onChange'>) {
  return (
    <LabelledField id={id} label={label} hint={hint} problem={problem} first={first}>
      <input
        id={id}
        value={value}
        autoCapitalize="none"
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(id, Boolean(hint), problem)}
        onChange={(e) => onChange(e.target.value)}
        className={`${inputClass} ${mono ? 'font-mono text-[13px]' : ''}`}
        {...rest}
      />
    </LabelledField>
  );
}

/** A checkbox with its label beside it. */
export function Checkbox({
  label,
  checked,
  onChange,
  className = '',
}: {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}) {
  return (
    <label className={`flex items-center gap-2 text-sm ${className}`}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="size-4 accent-[var(--accent)]"
      />
      {label}
    </label>
  );
}

/** A refused save that names no field on the form. */
export function FormProblem({ message }: { message: string }) {
  return (
    <div className="mt-4">
      <ProblemNote problem={{ field: null, message }} />
    </div>
  );
}
