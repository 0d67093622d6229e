import { useId, useState, type FormEvent } from 'react';
import {
  alertSeveritySchema,
  alertSourceSchema,
  type AlertSeverity,
  type Channel,
  type Rule,
} from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { inputClass } from '../auth/auth-card.js';
import { LabelledField } from '../auth/setup-fields.js';
import { Button } from '../../components/button.js';
import { Checkbox, FormProblem, TextInput } from './form-controls.js';
import {
  MATCH_LISTS,
  NEW_RULE,
  ruleBodyOf,
  ruleFormOf,
  ruleFormProblems,
  toggled,
  type RuleForm,
} from './rule-form.js';
import { problemOfSave, type SaveProblem } from './server-problem.js';

const LIST_LABELS: Record<(typeof MATCH_LISTS)[number], [string, string]> = {
  hosts: ['Hosts', 'Host ids, e.g. local'],
  stacks: ['Stacks', 'Compose project names'],
  tags: ['Tags', 'The panel’s container tags'],
  labels: ['Labels', 'Container labels: key or key=value'],
  kinds: ['Kinds', 'e.g. container.died, container.oom, container.unhealthy'],
};

function FieldsetProblem({ id, problem }: { id: string; problem: string | undefined }) {
  return problem ? (
    <p id={id} role="alert" className="mt-1 text-sm text-bad">
      {problem}
    </p>
  ) : null;
}

/** Adding or editing a routing rule: which alerts (every field given must match) go to which channels. */
export function RuleEditor({
  stored,
  channels,
  onClose,
  onSaved,
}: {
  stored: Rule | null;
  channels: readonly Channel[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const id = useId();
  // A channel deleted since the rule was saved cannot be sent to again: it starts unticked.
  const [form, setForm] = useState<RuleForm>(() =>
    stored
      ? {
          ...ruleFormOf(stored),
          channelIds: stored.channelIds.filter((c) => channels.some((x) => x.id === c)),
        }
      : { ...NEW_RULE, channelIds: channels.length === 1 && channels[0] ? [channels[0].id] : [] },
  );
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const local = ruleFormProblems(form);
  const shown = new Set([
    'name',
    'channelIds',
    'cooldownSeconds',
    'match.minSeverity',
    ...MATCH_LISTS.map((k) => `match.${k}`),
  ]);
  const problemOf = (field: string) =>
    problem?.field === field ? problem.message : tried ? local[field] : undefined;
  const set = (patch: Partial<RuleForm>) => {
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
      const body = ruleBodyOf(form);
      await (stored ? api.updateRoutingRule(stored.id, body) : api.createRoutingRule(body));
      onSaved();
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
        {stored ? `Edit rule ${stored.name}` : 'Add a rule'}
      </h4>
      <TextInput
        id={`${id}-name`}
        label="Name"
        first
        placeholder="e.g. crashes to the pager"
        problem={problemOf('name')}
        value={form.name}
        onChange={(name) => set({ name })}
      />
      <fieldset
        className="mt-4"
        aria-describedby={problemOf('channelIds') ? `${id}-channels-problem` : undefined}
      >
        <legend className="text-sm font-medium">Send to</legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
          {channels.map((c) => (
            <Checkbox
              key={c.id}
              label={c.name}
              checked={form.channelIds.includes(c.id)}
              onChange={(on) => set({ channelIds: toggled(form.channelIds, c.id, on) })}
            />
          ))}
        </div>
        <FieldsetProblem id={`${id}-channels-problem`} problem={problemOf('channelIds')} />
      </fieldset>
      <h5 className="mt-5 text-sm font-semibold">Which alerts</h5>
      <p className="text-xs text-muted">
        Every field given must match; leave them all empty for every alert.
      </p>
      <fieldset className="mt-3">
        <legend className="text-sm font-medium">Sources</legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
          {alertSourceSchema.options.map((s) => (
            <Checkbox
              key={s}
              label={s}
              checked={form.sources.includes(s)}
              onChange={(on) => set({ sources: toggled(form.sources, s, on) })}
            />
          ))}
        </div>
      </fieldset>
      <LabelledField id={`${id}-severity`} label="Minimum severity" problem={problemOf('match.minSeverity')}>
        <select
          id={`${id}-severity`}
          value={form.minSeverity}
          onChange={(e) => set({ minSeverity: e.target.value as AlertSeverity | '' })}
          className={inputClass}
        >
          <option value="">any</option>
          {alertSeveritySchema.options.map((s) => (
            <option key={s} value={s}>
              {s} or higher
            </option>
          ))}
        </select>
      </LabelledField>
      {MATCH_LISTS.map((key) => (
        <TextInput
          key={key}
          id={`${id}-${key}`}
          label={LIST_LABELS[key][0]}
          hint={`${LIST_LABELS[key][1]}; separate several with commas.`}
          problem={problemOf(`match.${key}`)}
          value={form[key]}
          onChange={(v) => set({ [key]: v })}
        />
      ))}
      <TextInput
        id={`${id}-cooldown`}
        label="Cooldown (seconds)"
        hint="The same alert is sent again only after this long; 0 sends every time."
        inputMode="numeric"
        problem={problemOf('cooldownSeconds')}
        value={form.cooldownSeconds}
        onChange={(cooldownSeconds) => set({ cooldownSeconds })}
      />
      <Checkbox
        className="mt-4"
        label="Send recovery messages when an alert resolves"
        checked={form.sendResolved}
        onChange={(sendResolved) => set({ sendResolved })}
      />
      <Checkbox
        className="mt-2"
        label="Enabled"
        checked={form.enabled}
        onChange={(enabled) => set({ enabled })}
      />
      {problem && (problem.field === null || !shown.has(problem.field)) && (
        <FormProblem message={problem.message} />
      )}
      <div className="mt-5 flex gap-2">
        <Button type="submit" variant="primary" busy={busy}>
          {stored ? 'Save rule' : 'Add rule'}
        </Button>
        <Button variant="ghost" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
