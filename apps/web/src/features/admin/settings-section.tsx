import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@harbourmaster/client';
import type { HostChanges, Settings } from '@harbourmaster/contracts';
import { api, errorHint, errorText } from '../../lib/api.js';
import { useCan } from '../../lib/session.js';
import { Button } from '../../components/button.js';
import { ErrorNote, Skeleton } from '../../components/feedback.js';
import { inputClass, ProblemNote, sentence, type Problem } from '../auth/auth-card.js';
import { describedBy, LabelledField, type StepProps } from '../auth/setup-fields.js';
import { HostOutcome, HttpsNextSteps } from '../auth/setup-review.js';
import { AppsStep, HttpsStep, TimeZoneField } from '../auth/setup-steps.js';
import { fieldOfServer, settingsProblemsOf, type SettingsForm } from '../auth/setup-wizard-state.js';
import { formOfSettings, settingsChange } from './settings-form.js';

type SettingsField = keyof SettingsForm;

/**
 * What the first-boot wizard decided and an admin may change later: the time zone, the app-data
 * folder and the HTTPS choice, with the wizard's own fields, rules and next steps. The hostname is
 * shown only: it is changed on the machine. Admins only, as the page and PUT /api/settings are.
 */
export function SettingsSection() {
  // Anyone signed in may read the settings, but like the rest of this page they are an admin's to change.
  const isAdmin = useCan('admin');
  const { data, error, refetch } = useQuery({ queryKey: ['settings'], queryFn: () => api.settings() });
  if (!isAdmin) return null;
  return (
    <section className="space-y-3" aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="text-base font-semibold">
        Settings
      </h2>
      {data ? (
        <SettingsEditor stored={data} />
      ) : error ? (
        <ErrorNote error={errorText(error)} hint={errorHint(error)} onRetry={() => void refetch()} />
      ) : (
        <Skeleton rows={4} />
      )}
    </section>
  );
}

/** A refused save: under the field the server named, otherwise for the whole form. */
function problemOfSave(err: unknown): Problem<SettingsField> {
  const field = err instanceof ApiError && err.status === 400 ? fieldOfServer(err.field) : null;
  if (field === 'timezone' || field === 'appDataRoot' || field === 'domain' || field === 'email')
    return { field, message: sentence(errorText(err).replace(/^[\w.]+: /, '')) };
  if (field === 'tlsMode') return { field: null, message: sentence(errorText(err).replace(/^[\w.]+: /, '')) };
  return { field: null, message: sentence(errorText(err)), hint: errorHint(err) };
}

function SettingsEditor({ stored }: { stored: Settings }) {
  const qc = useQueryClient();
  const [form, setForm] = useState<SettingsForm>(() => formOfSettings(stored));
  const [touched, setTouched] = useState<ReadonlySet<SettingsField>>(new Set());
  const [serverProblem, setServerProblem] = useState<Problem<SettingsField> | null>(null);
  const [saved, setSaved] = useState<{ message: string; host: HostChanges } | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = settingsProblemsOf(form);

  const step: StepProps<SettingsForm> = {
    form,
    set: (patch) => {
      setForm((f) => ({ ...f, ...patch }));
      setSaved(null);
      if (serverProblem?.field && serverProblem.field in patch) setServerProblem(null);
    },
    // As in the wizard: leaving an empty field is not acting on it; Save shows what is missing.
    touch: (field) => {
      if (form[field].trim() !== '') setTouched((t) => new Set([...t, field]));
    },
    problemOf: (field) =>
      serverProblem?.field === field
        ? serverProblem.message
        : touched.has(field)
          ? problems[field]
          : undefined,
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(new Set(Object.keys(form) as SettingsField[]));
    setServerProblem(null);
    setSaved(null);
    if (Object.keys(problems).length > 0) return;
    const change = settingsChange(form, stored);
    if (!change) return setSaved({ message: 'Nothing changed: the settings are as stored.', host: NO_HOST });
    setBusy(true);
    try {
      const reply = await api.updateSettings(change);
      // The create wizard's bind-mount suggestion reads the same query: it follows at once.
      qc.setQueryData(['settings'], reply.settings);
      setForm(formOfSettings(reply.settings));
      setTouched(new Set());
      setSaved({ message: 'Settings saved.', host: reply.host });
    } catch (err) {
      setServerProblem(problemOfSave(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void save(e)} className="max-w-xl rounded-xl border border-line p-5">
      <LabelledField
        id="hostname"
        label="Hostname"
        first
        problem={undefined}
        hint={
          stored.manageHost
            ? 'Shown only: the name is set when the machine is set up.'
            : 'Shown only: Harbourmaster does not manage this machine, so its name is changed on the machine itself (for example with hostnamectl).'
        }
      >
        <input
          id="hostname"
          value={stored.hostname}
          readOnly
          aria-describedby={describedBy('hostname', true, undefined)}
          className={`${inputClass} cursor-default bg-surface-2 font-mono text-muted`}
        />
      </LabelledField>
      <div className="mt-4">
        <TimeZoneField
          step={step}
          hint={
            stored.manageHost
              ? 'Set on the machine when you save.'
              : 'Harbourmaster uses it for the times it shows and schedules; the machine’s own clock setting stays as it is.'
          }
        />
      </div>
      <div className="mt-6">
        <AppsStep step={step} />
      </div>
      <div className="mt-6">
        <HttpsStep step={step} />
      </div>
      <h3 className="mt-6 text-sm font-semibold">What to do next for HTTPS</h3>
      <HttpsNextSteps form={form} />
      {serverProblem && serverProblem.field === null && (
        <div className="mt-4">
          <ProblemNote problem={serverProblem} />
        </div>
      )}
      {saved && (
        <div className="mt-4">
          <HostOutcome host={saved.host} />
          <p role="status" className="rounded-md border border-ok/40 bg-ok/10 px-3 py-2 text-sm">
            {saved.message}
          </p>
        </div>
      )}
      <Button type="submit" variant="primary" busy={busy} className="mt-5 h-9">
        {busy ? 'Saving…' : 'Save settings'}
      </Button>
    </form>
  );
}

const NO_HOST: HostChanges = { applied: [], failed: [] };
