import { useId, useState, type FormEvent } from 'react';
import type { Channel, ChannelType } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { inputClass } from '../auth/auth-card.js';
import { LabelledField } from '../auth/setup-fields.js';
import { Button } from '../../components/button.js';
import { CHANNEL_FIELDS, CHANNEL_TYPE_LABELS, CHANNEL_TYPES } from './channel-fields.js';
import {
  channelBodyOf,
  channelFormOf,
  channelFormProblems,
  newChannelForm,
  withType,
} from './channel-form.js';
import { ChannelConfigFields } from './channel-config-fields.js';
import { Checkbox, FormProblem, TextInput } from './form-controls.js';
import { problemOfSave, type SaveProblem } from './server-problem.js';

/**
 * Adding or editing a channel: its name, type, the type's own fields and whether it is on. A refused
 * save shows under the field the server named.
 */
export function ChannelEditor({
  stored,
  onClose,
  onSaved,
}: {
  stored: Channel | null;
  onClose: () => void;
  onSaved: (channel: Channel) => void;
}) {
  const id = useId();
  const [form, setForm] = useState(() => (stored ? channelFormOf(stored) : newChannelForm()));
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const local = channelFormProblems(form);
  const shown = new Set(['name', 'type', ...CHANNEL_FIELDS[form.type].map((f) => `config.${f.key}`)]);
  const problemOf = (field: string) =>
    problem?.field === field ? problem.message : tried ? local[field] : undefined;
  const set = (patch: Partial<typeof form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setProblem(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setProblem(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const body = channelBodyOf(form);
      onSaved(await (stored ? api.updateChannel(stored.id, body) : api.createChannel(body)));
    } catch (err) {
      setProblem(problemOfSave(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => void save(e)}
      className="max-w-xl rounded-xl border border-line bg-surface p-5"
    >
      <h4 id={`${id}-title`} className="mb-4 text-sm font-semibold">
        {stored ? `Edit channel ${stored.name}` : 'Add a channel'}
      </h4>
      <TextInput
        id={`${id}-name`}
        label="Name"
        first
        placeholder="e.g. ops pager"
        problem={problemOf('name')}
        value={form.name}
        onChange={(name) => set({ name })}
      />
      <LabelledField id={`${id}-type`} label="Type" problem={problemOf('type')}>
        <select
          id={`${id}-type`}
          value={form.type}
          onChange={(e) => {
            setForm((f) => withType(f, e.target.value as ChannelType, stored));
            setProblem(null);
          }}
          className={inputClass}
        >
          {CHANNEL_TYPES.map((t) => (
            <option key={t} value={t}>
              {CHANNEL_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </LabelledField>
      <ChannelConfigFields form={form} set={set} problemOf={problemOf} idPrefix={id} />
      <Checkbox
        className="mt-4"
        label="Enabled: alerts are sent through it"
        checked={form.enabled}
        onChange={(enabled) => set({ enabled })}
      />
      {problem && (problem.field === null || !shown.has(problem.field)) && (
        <FormProblem message={problem.message} />
      )}
      <div className="mt-5 flex gap-2">
        <Button type="submit" variant="primary" busy={busy}>
          {stored ? 'Save channel' : 'Add channel'}
        </Button>
        <Button variant="ghost" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
