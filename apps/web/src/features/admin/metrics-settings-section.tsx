import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { metricsSettingsSchema, type MetricsSettings } from '@harbourmaster/contracts';
import { api, errorHint, errorText } from '../../lib/api.js';
import { useCan } from '../../lib/session.js';
import { Button } from '../../components/button.js';
import { ErrorNote, Skeleton } from '../../components/feedback.js';
import { inputClass, ProblemNote, sentence } from '../auth/auth-card.js';
import { describedBy, LabelledField } from '../auth/setup-fields.js';

type Field = keyof MetricsSettings;
type Form = Record<Field, string>;

const formOf = (s: MetricsSettings): Form => ({
  intervalSeconds: String(s.intervalSeconds),
  retentionDays: String(s.retentionDays),
});

/** What is wrong with a field as typed (the contract's own words), or undefined. */
function problemOf(field: Field, text: string): string | undefined {
  if (text.trim() === '')
    return field === 'intervalSeconds'
      ? 'Enter how many seconds apart to sample, 1 to 60.'
      : 'Enter how many days of history to keep, 1 to 365.';
  const parsed = metricsSettingsSchema.shape[field].safeParse(Number(text));
  return parsed.success ? undefined : sentence(parsed.error.issues[0]?.message ?? 'not allowed');
}

/** How often containers and hosts are sampled, and how long their history is kept. Admins only. */
export function MetricsSettingsSection() {
  const isAdmin = useCan('admin');
  const { data, error, refetch } = useQuery({
    queryKey: ['metrics-settings'],
    queryFn: () => api.metricsSettings(),
    enabled: isAdmin,
  });
  if (!isAdmin) return null;
  return (
    <section className="space-y-3" aria-labelledby="metrics-settings-heading">
      <h2 id="metrics-settings-heading" className="text-base font-semibold">
        Metrics
      </h2>
      {data ? (
        <MetricsSettingsEditor stored={data} />
      ) : error ? (
        <ErrorNote error={errorText(error)} hint={errorHint(error)} onRetry={() => void refetch()} />
      ) : (
        <Skeleton rows={2} />
      )}
    </section>
  );
}

function MetricsSettingsEditor({ stored }: { stored: MetricsSettings }) {
  const qc = useQueryClient();
  const [form, setForm] = useState<Form>(() => formOf(stored));
  const [touched, setTouched] = useState<ReadonlySet<Field>>(new Set());
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problem = (field: Field) => (touched.has(field) ? problemOf(field, form[field]) : undefined);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(new Set(['intervalSeconds', 'retentionDays']));
    setSaved(null);
    setFailure(null);
    if (problemOf('intervalSeconds', form.intervalSeconds) || problemOf('retentionDays', form.retentionDays))
      return;
    setBusy(true);
    try {
      const reply = await api.updateMetricsSettings({
        intervalSeconds: Number(form.intervalSeconds),
        retentionDays: Number(form.retentionDays),
      });
      qc.setQueryData(['metrics-settings'], reply);
      setForm(formOf(reply));
      setSaved('Metrics settings saved: the next pass uses them.');
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const field = (id: Field, label: string, hint: string, unit: string, max: number) => (
    <LabelledField
      id={`metrics-${id}`}
      label={label}
      hint={hint}
      problem={problem(id)}
      first={id === 'intervalSeconds'}
    >
      <div className="flex items-center gap-2">
        <input
          id={`metrics-${id}`}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          value={form[id]}
          aria-invalid={problem(id) ? true : undefined}
          aria-describedby={describedBy(`metrics-${id}`, true, problem(id))}
          onChange={(e) => {
            setForm((f) => ({ ...f, [id]: e.target.value }));
            setSaved(null);
          }}
          onBlur={() => setTouched((t) => new Set([...t, id]))}
          className={`${inputClass.replace('w-full', 'w-28')} font-mono`}
        />
        <span className="mt-1 text-sm text-muted">{unit}</span>
      </div>
    </LabelledField>
  );

  return (
    <form noValidate onSubmit={(e) => void save(e)} className="max-w-xl rounded-xl border border-line p-5">
      {field(
        'intervalSeconds',
        'Sample every',
        'Every running container and each host, 1 to 60 seconds. Once a second costs about 2 % of a core for 500 containers.',
        'seconds',
        60,
      )}
      {field(
        'retentionDays',
        'Keep history for',
        'Hourly points, 1 to 365 days. Minute points are kept a day and 5-minute points a week (at most this).',
        'days',
        365,
      )}
      {failure !== null && (
        <div className="mt-4">
          <ProblemNote
            problem={{ field: null, message: sentence(errorText(failure)), hint: errorHint(failure) }}
          />
        </div>
      )}
      {saved && (
        <p role="status" className="mt-4 rounded-md border border-ok/40 bg-ok/10 px-3 py-2 text-sm">
          {saved}
        </p>
      )}
      <Button type="submit" variant="primary" busy={busy} className="mt-5 h-9">
        {busy ? 'Saving…' : 'Save metrics settings'}
      </Button>
    </form>
  );
}
