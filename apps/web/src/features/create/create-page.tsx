import { useEffect, useState, type ReactNode } from 'react';
import { containerCreateSchema } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { navigate } from '../../lib/router.js';
import { Button } from '../../components/button.js';
import { PageHeader } from '../../components/feedback.js';
import { EMPTY_FORM, toRequest, type WizardForm } from './wizard-state.js';
import {
  STEP_FIELDS,
  isUnder,
  plainProblems,
  serverProblems,
  stepOf,
  visibleProblems,
  type Problem,
} from './wizard-problems.js';
import { EnvStep, HealthStep, ImageStep, MountsStep, PortsStep, type StepProps } from './wizard-steps.js';

const STEPS = ['Image', 'Ports', 'Volumes', 'Environment', 'Health & restart', 'Review'] as const;
const REVIEW = STEPS.length - 1;
const STEP_TITLES = [
  'Image and name',
  'Published ports',
  'Volumes and bind mounts',
  'Environment and labels',
  'Health, restart and limits',
  'Review',
];

function Step({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-xl border border-line bg-surface p-5">
      <h2 className="mb-4 text-sm font-semibold">{title}</h2>
      <div className="space-y-4">{children}</div>
    </section>
  );
}

/** The server's verdict on the draft (port collisions, host paths, dangers), a moment after typing stops. */
function useDraftCheck(f: WizardForm) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [dangers, setDangers] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const parsed = containerCreateSchema.safeParse(toRequest(f));
    if (!parsed.success) {
      setProblems(plainProblems(parsed.error.issues, f));
      return;
    }
    const t = setTimeout(() => {
      api
        .request<{ problems: Problem[]; dangers: string[] }>(
          'POST',
          '/api/hosts/local/containers/check',
          parsed.data,
        )
        .then((r) => {
          setProblems(serverProblems(r.problems));
          setDangers(r.dangers);
          setError(null);
        })
        .catch((err: unknown) => setError(errorText(err)));
    }, 300);
    return () => clearTimeout(t);
  }, [f]);
  return { problems, dangers, error };
}

/**
 * Create a container in steps. Problems show in plain words under the field they are about, but
 * only once a person has left that field or tried to go on: an empty form is not an error.
 */
export function CreatePage() {
  const [f, setF] = useState<WizardForm>(EMPTY_FORM);
  const [step, setStep] = useState(0);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const check = useDraftCheck(f);
  const set = (patch: Partial<WizardForm>) => setF((x) => ({ ...x, ...patch }));
  const touch = (...fields: readonly string[]) => setTouched((t) => new Set([...t, ...fields]));

  const blocking = check.problems.filter((p) => p.field !== 'confirmDangerous' || !f.confirmDangerous);
  // Reaching the review is trying to go on: from there every problem shows, wherever it is.
  const shown = visibleProblems(blocking, touched, step === REVIEW);
  const props: StepProps = {
    f,
    set,
    touch,
    problemOf: (field) => shown.find((p) => isUnder(p.field, field)),
  };

  // Next checks the step it leaves: its problems show, and it stays until they are fixed.
  const next = () => {
    const fields = STEP_FIELDS[step] ?? [];
    touch(...fields);
    if (!blocking.some((p) => fields.some((field) => isUnder(p.field, field)))) setStep(step + 1);
  };

  const submit = async () => {
    setBusy(true);
    setSubmitError(null);
    try {
      const created = await api.create('local', toRequest(f));
      navigate(`/containers/local/${created.id}`);
    } catch (err) {
      setSubmitError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const error = submitError ?? check.error;
  return (
    <>
      <PageHeader title="New container" />
      <ol className="mb-5 flex flex-wrap gap-1 text-xs" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s}>
            <button
              onClick={() => setStep(i)}
              aria-current={i === step ? 'step' : undefined}
              className={`rounded-full px-3 py-1 ${i === step ? 'bg-accent text-accent-fg' : 'bg-surface-2 text-muted hover:text-fg'}`}
            >
              {i + 1}. {s}
            </button>
          </li>
        ))}
      </ol>
      <Step title={STEP_TITLES[step] ?? ''}>
        {step === 0 && <ImageStep {...props} />}
        {step === 1 && <PortsStep {...props} />}
        {step === 2 && <MountsStep {...props} />}
        {step === 3 && <EnvStep {...props} />}
        {step === 4 && <HealthStep {...props} />}
        {step === REVIEW && (
          <pre
            tabIndex={0}
            aria-label="The request to create"
            className="overflow-auto rounded-md bg-bg p-3 font-mono text-xs"
          >
            {JSON.stringify(toRequest(f), null, 2)}
          </pre>
        )}
      </Step>
      {check.dangers.length > 0 && (
        <div className="mt-4 rounded-lg border border-warn/50 bg-warn/10 p-3 text-sm" role="alert">
          <p className="font-medium text-warn">This container gets power over its host:</p>
          <ul className="mt-1 list-disc pl-5">
            {check.dangers.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
          <label className="mt-2 flex items-center gap-2">
            <input
              type="checkbox"
              checked={f.confirmDangerous}
              onChange={(e) => set({ confirmDangerous: e.target.checked })}
            />{' '}
            I understand; create it anyway
          </label>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-3 text-sm text-bad">
          {error}
        </p>
      )}
      {step === REVIEW && blocking.length > 0 && (
        <div className="mt-4 rounded-lg border border-bad/40 bg-bad/5 p-3 text-sm" role="alert">
          <p className="font-medium">Fix these before creating the container:</p>
          <ul className="mt-1 space-y-1">
            {blocking.map((p) => (
              <li key={p.field + p.message} className="flex flex-wrap items-baseline gap-x-2">
                <span>{p.message}</span>
                {stepOf(p.field) !== REVIEW && (
                  <button
                    type="button"
                    onClick={() => setStep(stepOf(p.field))}
                    className="text-xs text-accent underline"
                  >
                    Go to {STEPS[stepOf(p.field)]}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="mt-5 flex justify-between">
        <Button variant="ghost" disabled={step === 0} onClick={() => setStep(step - 1)}>
          Back
        </Button>
        {step < REVIEW ? (
          <Button onClick={next}>Next</Button>
        ) : (
          <Button variant="primary" busy={busy} disabled={blocking.length > 0} onClick={() => void submit()}>
            Create and start
          </Button>
        )}
      </div>
    </>
  );
}
