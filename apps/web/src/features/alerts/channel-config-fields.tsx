import { inputClass } from '../auth/auth-card.js';
import { describedBy, LabelledField } from '../auth/setup-fields.js';
import { Button } from '../../components/button.js';
import { CHANNEL_FIELDS, isSecretKey, type ConfigField } from './channel-fields.js';
import { keepsSecret, renameHeader, type ChannelForm, type HeaderRow } from './channel-form.js';
import { TextInput } from './form-controls.js';

const KEPT = 'saved — leave empty to keep';

interface FieldsProps {
  form: ChannelForm;
  set: (patch: Partial<ChannelForm>) => void;
  /** The problem to show under a field (`config.<key>`). */
  problemOf: (field: string) => string | undefined;
  idPrefix: string;
}

/** A webhook's extra headers as name/value rows; stored values stay unless a new one is typed. */
function HeaderRows({ form, set, problemOf, idPrefix }: FieldsProps) {
  const rows = form.headers;
  const kept = keepsSecret(form, 'headers');
  const update = (next: HeaderRow[]) => set({ headers: next });
  const problem = problemOf('config.headers');
  return (
    <fieldset className="mt-4" aria-describedby={problem ? `${idPrefix}-headers-problem` : undefined}>
      <legend className="text-sm font-medium">Headers</legend>
      <p className="mt-0.5 text-xs text-muted">
        For example an Authorization header; values are kept secret.
      </p>
      {rows.map((row, i) => (
        <div key={i} className="mt-2 grid grid-cols-[1fr_1fr_auto] items-end gap-2">
          <div>
            <label htmlFor={`${idPrefix}-h${i}-name`} className="block text-xs text-muted">
              Header name
            </label>
            <input
              id={`${idPrefix}-h${i}-name`}
              value={row.name}
              placeholder="Authorization"
              spellCheck={false}
              onChange={(e) => update(renameHeader(rows, i, e.target.value))}
              className={`${inputClass} font-mono text-[13px]`}
            />
          </div>
          <div>
            <label htmlFor={`${idPrefix}-h${i}-value`} className="block text-xs text-muted">
              Header value
            </label>
            <input
              id={`${idPrefix}-h${i}-value`}
              type="password"
              autoComplete="new-password"
              value={row.value}
              placeholder={row.saved && kept ? KEPT : ''}
              onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
              className={`${inputClass} font-mono text-[13px]`}
            />
          </div>
          <Button
            variant="ghost"
            aria-label={`Remove header ${row.name || i + 1}`}
            onClick={() => update(rows.filter((_, j) => j !== i))}
            className="mb-0.5 h-9"
          >
            Remove
          </Button>
        </div>
      ))}
      <Button className="mt-2" onClick={() => update([...rows, { name: '', value: '', saved: false }])}>
        Add header
      </Button>
      {problem && (
        <p id={`${idPrefix}-headers-problem`} role="alert" className="mt-2 text-sm text-bad">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

function ConfigInput({ field, ...props }: FieldsProps & { field: ConfigField }) {
  const { form, set, problemOf, idPrefix } = props;
  const id = `${idPrefix}-${field.key}`;
  const problem = problemOf(`config.${field.key}`);
  const value = form.values[field.key] ?? '';
  const change = (v: string) => set({ values: { ...form.values, [field.key]: v } });
  switch (field.kind) {
    case 'headers':
      return <HeaderRows {...props} />;
    case 'select':
      return (
        <LabelledField id={id} label={field.label} hint={field.hint} problem={problem}>
          <select
            id={id}
            value={value}
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy(id, Boolean(field.hint), problem)}
            onChange={(e) => change(e.target.value)}
            className={inputClass}
          >
            {field.options?.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </LabelledField>
      );
    case 'textarea':
      return (
        <LabelledField id={id} label={field.label} hint={field.hint} problem={problem}>
          <textarea
            id={id}
            rows={4}
            value={value}
            spellCheck={false}
            placeholder={field.placeholder}
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy(id, Boolean(field.hint), problem)}
            onChange={(e) => change(e.target.value)}
            className={`${inputClass} font-mono text-[13px]`}
          />
        </LabelledField>
      );
    case 'text':
    case 'number':
    case 'list': {
      const secret = isSecretKey(form.type, field.key);
      return (
        <TextInput
          id={id}
          label={field.label}
          hint={field.hint}
          problem={problem}
          value={value}
          onChange={change}
          mono={secret || field.key.toLowerCase().includes('url')}
          type={secret ? 'password' : 'text'}
          autoComplete={secret ? 'new-password' : 'off'}
          inputMode={field.kind === 'number' ? 'numeric' : undefined}
          placeholder={secret && keepsSecret(form, field.key) ? KEPT : field.placeholder}
        />
      );
    }
  }
}

/** The fields of the chosen channel type, each under its label; secrets as password inputs. */
export function ChannelConfigFields(props: FieldsProps) {
  return (
    <>
      {CHANNEL_FIELDS[props.form.type].map((f) => (
        <ConfigInput key={`${props.form.type}-${f.key}`} field={f} {...props} />
      ))}
    </>
  );
}
