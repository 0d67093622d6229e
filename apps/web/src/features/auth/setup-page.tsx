import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '@harbourmaster/client';
import type { HostChanges, SetupHostReply } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { Skeleton } from '../../components/feedback.js';
import { Icon } from '../../components/icon.js';
import { AuthCard, commonProblem, ProblemNote, sentence, type Problem } from './auth-card.js';
import type { StepProps } from './setup-fields.js';
import { HostOutcome, HttpsNextSteps, ReviewStep } from './setup-review.js';
import { AdminStep, AppsStep, CodeStep, HttpsStep, MachineStep } from './setup-steps.js';
import {
  fieldOfServer,
  initialForm,
  problemsOf,
  STEP_FIELDS,
  stepOf,
  STEPS,
  toSetupRequest,
  type Field,
  type SetupForm,
} from './setup-wizard-state.js';

const REVIEW = STEPS.length - 1;

/** What a refused setup means for the person in front of the wizard. */
function problemOf(err: unknown): Problem<Field> {
  if (err instanceof ApiError) {
    if (err.status === 403)
      return {
        field: 'setupCode',
        message: 'That is not the setup code.',
        hint: 'Use the code from the most recent start; a restart prints a new one.',
      };
    if (err.status === 409)
      return { field: null, message: 'The first admin exists already.', hint: 'Reload the page to sign in.' };
    const field = fieldOfServer(err.field);
    if (field && err.status === 400)
      return { field, message: sentence(err.message.replace(/^[\w.]+: /, '')) };
  }
  return commonProblem(err);
}

/**
 * First boot: a short wizard that creates the first admin and stores what a person installing a box
 * decides once: the machine's name and time zone, where apps keep their data, and how HTTPS is set
 * up. It starts with the one-time setup code the daemon printed, so only someone who can see the
 * machine's console or log can claim it. Everything is sent in one request at the end.
 */
export function SetupPage({ onSignedIn }: { onSignedIn: () => void }) {
  const host = useQuery({ queryKey: ['setup', 'host'], queryFn: () => api.setupHost() });
  if (host.data) return <SetupWizard host={host.data} onSignedIn={onSignedIn} />;
  return (
    <AuthCard
      title="Welcome to Harbourmaster"
      subtitle="Set up this machine in a few steps."
      onSubmit={() => {}}
    >
      {host.error ? (
        <ProblemNote problem={hostProblem(host.error)} />
      ) : (
        <div role="status" aria-busy="true">
          <span className="sr-only">Loading…</span>
          <Skeleton rows={3} />
        </div>
      )}
    </AuthCard>
  );
}

function hostProblem(err: unknown): Problem<never> {
  if (err instanceof ApiError && err.status === 404)
    return { field: null, message: 'The first admin exists already.', hint: 'Reload the page to sign in.' };
  return commonProblem(err);
}

function SetupWizard({ host, onSignedIn }: { host: SetupHostReply; onSignedIn: () => void }) {
  const [form, setForm] = useState<SetupForm>(() => initialForm(host));
  const [step, setStep] = useState(0);
  const [reached, setReached] = useState(0);
  const [touched, setTouched] = useState<ReadonlySet<Field>>(new Set());
  const [serverProblem, setServerProblem] = useState<Problem<Field> | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<HostChanges | null>(null);
  const body = useRef<HTMLDivElement>(null);

  const problems = problemsOf(form, host);
  const touch = (...fields: readonly Field[]) => setTouched((t) => new Set([...t, ...fields]));
  const goTo = (next: number) => {
    setStep(next);
    setReached((r) => Math.max(r, next));
  };

  // A new step takes the focus to its first field (or its heading), so keyboards and screen
  // readers start where the eye does.
  useEffect(() => {
    const root = body.current;
    const field = root?.querySelector<HTMLElement>(
      'input:not([readonly]):not([type=radio]), select, input[type=radio]:checked',
    );
    (field ?? root?.querySelector<HTMLElement>('h2'))?.focus();
  }, [step, done]);

  const stepProps: StepProps = {
    form,
    set: (patch) => {
      setForm((f) => ({ ...f, ...patch }));
      // What the server said about a field stops applying once the field changes.
      if (serverProblem?.field && serverProblem.field in patch) setServerProblem(null);
    },
    // Leaving an empty field is not acting on it (tabbing through, or reaching for Next): its
    // problem waits for Next. Showing it on blur would also move the Next button under the pointer.
    touch: (field) => {
      if (form[field].trim() !== '') touch(field);
    },
    problemOf: (field) =>
      serverProblem?.field === field
        ? serverProblem.message
        : touched.has(field)
          ? problems[field]
          : undefined,
  };

  /** Next checks the step it leaves: its problems show, and it stays until they are fixed. */
  const next = () => {
    const fields = STEP_FIELDS[STEPS[step]?.id ?? 'review'];
    touch(...fields);
    if (!fields.some((f) => problems[f])) goTo(step + 1);
  };

  const create = async () => {
    const firstProblem = (Object.keys(problems) as Field[]).sort((a, b) => stepOf(a) - stepOf(b))[0];
    if (firstProblem) {
      touch(...STEP_FIELDS[STEPS[stepOf(firstProblem)]?.id ?? 'review']);
      return setStep(stepOf(firstProblem));
    }
    setBusy(true);
    setServerProblem(null);
    try {
      const reply = await api.setup(toSetupRequest(form, host));
      setDone(reply.host);
    } catch (err) {
      const problem = problemOf(err);
      setServerProblem(problem);
      if (problem.field) setStep(stepOf(problem.field));
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <AuthCard
        title="Harbourmaster is ready"
        subtitle={`Signed in as ${form.username}.`}
        onSubmit={onSignedIn}
        wide
      >
        <div ref={body}>
          <h2 tabIndex={-1} className="mb-3 text-base font-semibold outline-none">
            All set
          </h2>
          <HostOutcome host={done} />
          <h3 className="text-sm font-semibold">What to do next</h3>
          <HttpsNextSteps form={form} />
          <Button type="submit" variant="primary" className="mt-6 h-9 w-full">
            Open the dashboard
          </Button>
        </div>
      </AuthCard>
    );

  const formProblem = serverProblem && serverProblem.field === null ? serverProblem : null;
  // A server problem under a field carries a hint (a wrong code says which code to use).
  const fieldHint =
    serverProblem?.field && stepOf(serverProblem.field) === step ? serverProblem.hint : undefined;
  const current = STEPS[step] ?? STEPS[0];
  return (
    <AuthCard
      title="Welcome to Harbourmaster"
      subtitle="Set up this machine in a few steps."
      onSubmit={step === REVIEW ? create : next}
      wide
    >
      <ol aria-label="Setup steps" className="mb-5 flex flex-wrap gap-1 text-xs">
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              disabled={i > reached}
              onClick={() => setStep(i)}
              aria-current={i === step ? 'step' : undefined}
              className={`flex items-center gap-1 rounded-full px-2.5 py-1 disabled:cursor-default ${
                i === step ? 'bg-accent text-accent-fg' : 'bg-surface-2 text-muted enabled:hover:text-fg'
              }`}
            >
              {i < reached && i !== step && <Icon name="check" className="size-3" />}
              {i + 1}. {s.title}
            </button>
          </li>
        ))}
      </ol>
      <div ref={body}>
        <h2 tabIndex={-1} className="mb-3 text-base font-semibold outline-none">
          <span className="sr-only">
            Step {step + 1} of {STEPS.length}:{' '}
          </span>
          {current.title}
        </h2>
        {current.id === 'code' && <CodeStep step={stepProps} />}
        {current.id === 'machine' && <MachineStep step={stepProps} host={host} />}
        {current.id === 'admin' && <AdminStep step={stepProps} />}
        {current.id === 'apps' && <AppsStep step={stepProps} />}
        {current.id === 'https' && <HttpsStep step={stepProps} />}
        {current.id === 'review' && <ReviewStep form={form} host={host} goTo={setStep} />}
        {fieldHint && <p className="mt-2 text-xs text-muted">{fieldHint}</p>}
        {formProblem && (
          <div className="mt-3">
            <ProblemNote problem={formProblem} />
          </div>
        )}
      </div>
      <div className="mt-6 flex gap-2">
        {step > 0 && (
          <Button onClick={() => setStep(step - 1)} className="h-9">
            Back
          </Button>
        )}
        <Button type="submit" variant="primary" busy={busy} className="h-9 flex-1">
          {step === REVIEW ? (busy ? 'Creating…' : 'Create admin and finish') : 'Next'}
        </Button>
      </div>
    </AuthCard>
  );
}
