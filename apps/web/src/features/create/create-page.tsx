import { useEffect, useState, type ReactNode } from 'react';
import { containerCreateSchema } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { navigate } from '../../lib/router.js';
import { Button } from '../../components/button.js';
import { PageHeader } from '../../components/feedback.js';
import { APP_DATA_ROOT, EMPTY_FORM, PORT_PRESETS, toRequest, type WizardForm } from './wizard-state.js';
import { FieldProblem, RowList, TextInput } from './field-rows.js';

type Problem = { field: string; message: string };
const STEPS = ['Image', 'Ports', 'Volumes', 'Environment', 'Health & restart', 'Review'] as const;

function Step({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-xl border border-line bg-surface p-5">
      <h2 className="mb-4 text-sm font-semibold">{title}</h2>
      <div className="space-y-4">{children}</div>
    </section>
  );
}

/** Create a container in steps; the server checks the draft as it changes and problems show inline. */
export function CreatePage() {
  const [f, setF] = useState<WizardForm>(EMPTY_FORM);
  const [step, setStep] = useState(0);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [dangers, setDangers] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<WizardForm>) => setF((x) => ({ ...x, ...patch }));

  // Ask the server about the draft (port collisions, host paths, dangers) a moment after typing stops.
  useEffect(() => {
    const parsed = containerCreateSchema.safeParse(toRequest(f));
    if (!parsed.success) {
      setProblems(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
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
          setProblems(r.problems);
          setDangers(r.dangers);
        })
        .catch((err: unknown) => setError(errorText(err)));
    }, 300);
    return () => clearTimeout(t);
  }, [f]);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await api.create('local', toRequest(f));
      navigate(`/containers/local/${created.id}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const blocking = problems.filter((p) => p.field !== 'confirmDangerous' || !f.confirmDangerous);
  return (
    <>
      <PageHeader title="New container" />
      <ol className="mb-5 flex flex-wrap gap-1 text-xs">
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
      {step === 0 && (
        <Step title="Image and name">
          <div>
            <TextInput
              label="Image"
              placeholder="image, e.g. nginx:1.27 (pulled on this host)"
              value={f.image}
              onChange={(image) => set({ image })}
              mono
            />
            <FieldProblem problems={problems} field="image" />
          </div>
          <div>
            <TextInput
              label="Container name"
              placeholder="name (optional)"
              value={f.name}
              onChange={(name) => set({ name })}
            />
            <FieldProblem problems={problems} field="name" />
          </div>
          <TextInput
            label="Command"
            placeholder="command (optional, run with sh -c)"
            value={f.command}
            onChange={(command) => set({ command })}
            mono
          />
          <div>
            <TextInput
              label="Network"
              placeholder="network (default bridge; host or none)"
              value={f.network}
              onChange={(network) => set({ network })}
            />
            <FieldProblem problems={problems} field="network" />
          </div>
        </Step>
      )}
      {step === 1 && (
        <Step title="Published ports">
          <RowList
            rows={f.ports}
            addLabel="port"
            onAdd={() => set({ ports: [...f.ports, { containerPort: '', hostPort: '', protocol: 'tcp' }] })}
            onRemove={(i) => set({ ports: f.ports.filter((_, j) => j !== i) })}
            render={(p, i) => (
              <div>
                <div className="flex gap-2">
                  <TextInput
                    label={`Host port ${i + 1}`}
                    placeholder="host port"
                    value={p.hostPort}
                    width="w-28"
                    onChange={(hostPort) =>
                      set({ ports: f.ports.map((x, j) => (j === i ? { ...x, hostPort } : x)) })
                    }
                  />
                  <span className="py-1.5 text-muted">→</span>
                  <TextInput
                    label={`Container port ${i + 1}`}
                    placeholder="container port"
                    value={p.containerPort}
                    width="w-32"
                    onChange={(containerPort) =>
                      set({ ports: f.ports.map((x, j) => (j === i ? { ...x, containerPort } : x)) })
                    }
                  />
                </div>
                <FieldProblem problems={problems} field={`ports.${i}`} />
              </div>
            )}
          >
            {PORT_PRESETS.map((p) => (
              <button
                key={p.port}
                type="button"
                onClick={() =>
                  set({
                    ports: [
                      ...f.ports,
                      { containerPort: String(p.port), hostPort: String(p.port), protocol: 'tcp' },
                    ],
                  })
                }
                className="rounded-md border border-line px-2 py-1 text-xs text-muted hover:text-fg"
              >
                {p.label}
              </button>
            ))}
          </RowList>
        </Step>
      )}
      {step === 2 && (
        <Step title="Volumes and bind mounts">
          <RowList
            rows={f.mounts}
            addLabel="bind mount"
            onAdd={() =>
              set({
                mounts: [
                  ...f.mounts,
                  {
                    type: 'bind',
                    source: `${APP_DATA_ROOT}/${f.name || 'app'}`,
                    target: '/data',
                    readOnly: false,
                  },
                ],
              })
            }
            onRemove={(i) => set({ mounts: f.mounts.filter((_, j) => j !== i) })}
            render={(m, i) => (
              <div>
                <div className="flex flex-wrap gap-2">
                  <span className="py-1.5 text-xs text-muted">{m.type}</span>
                  <TextInput
                    label={`Mount source ${i + 1}`}
                    placeholder={m.type === 'bind' ? 'host path' : 'volume name (empty: anonymous)'}
                    value={m.source}
                    width="w-64"
                    mono
                    onChange={(source) =>
                      set({ mounts: f.mounts.map((x, j) => (j === i ? { ...x, source } : x)) })
                    }
                  />
                  <TextInput
                    label={`Mount target ${i + 1}`}
                    placeholder="path in container"
                    value={m.target}
                    width="w-40"
                    mono
                    onChange={(target) =>
                      set({ mounts: f.mounts.map((x, j) => (j === i ? { ...x, target } : x)) })
                    }
                  />
                </div>
                <FieldProblem problems={problems} field={`mounts.${i}`} />
              </div>
            )}
          >
            <button
              type="button"
              onClick={() =>
                set({
                  mounts: [...f.mounts, { type: 'volume', source: '', target: '/data', readOnly: false }],
                })
              }
              className="rounded-md border border-dashed border-line px-3 py-1 text-xs text-muted hover:text-fg"
            >
              + named volume
            </button>
          </RowList>
          <p className="text-xs text-muted">
            Bind mounts default to {APP_DATA_ROOT}/&lt;name&gt;; the host path must exist.
          </p>
        </Step>
      )}
      {step === 3 && (
        <Step title="Environment and labels">
          {(['env', 'labels'] as const).map((k) => (
            <RowList
              key={k}
              rows={f[k]}
              addLabel={k === 'env' ? 'variable' : 'label'}
              onAdd={() => set({ [k]: [...f[k], { key: '', value: '' }] })}
              onRemove={(i) => set({ [k]: f[k].filter((_, j) => j !== i) })}
              render={(row, i) => (
                <>
                  <TextInput
                    label={`${k} name ${i + 1}`}
                    placeholder="NAME"
                    value={row.key}
                    width="w-48"
                    mono
                    onChange={(key) => set({ [k]: f[k].map((x, j) => (j === i ? { ...x, key } : x)) })}
                  />
                  <TextInput
                    label={`${k} value ${i + 1}`}
                    placeholder="value"
                    value={row.value}
                    width="w-64"
                    mono
                    onChange={(value) => set({ [k]: f[k].map((x, j) => (j === i ? { ...x, value } : x)) })}
                  />
                </>
              )}
            />
          ))}
          <FieldProblem problems={problems} field="env" />
        </Step>
      )}
      {step === 4 && (
        <Step title="Health, restart and limits">
          <TextInput
            label="Health check command"
            placeholder="health check, e.g. wget -qO- http://127.0.0.1:8080/health"
            value={f.healthcheck}
            onChange={(healthcheck) => set({ healthcheck })}
            mono
          />
          <div className="flex flex-wrap gap-2">
            <select
              aria-label="Restart policy"
              value={f.restart}
              onChange={(e) => set({ restart: e.target.value as WizardForm['restart'] })}
              className="rounded-md border border-line bg-bg px-2 py-1.5 text-sm"
            >
              <option value="no">never restart</option>
              <option value="unless-stopped">unless stopped</option>
              <option value="always">always</option>
              <option value="on-failure">on failure</option>
            </select>
            <TextInput
              label="Memory limit (MB)"
              placeholder="memory MB"
              value={f.memoryMb}
              width="w-32"
              onChange={(memoryMb) => set({ memoryMb })}
            />
            <TextInput
              label="CPUs"
              placeholder="CPUs"
              value={f.cpus}
              width="w-24"
              onChange={(cpus) => set({ cpus })}
            />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={f.privileged}
              onChange={(e) => set({ privileged: e.target.checked })}
            />{' '}
            Privileged mode
          </label>
        </Step>
      )}
      {step === 5 && (
        <Step title="Review">
          <pre className="overflow-auto rounded-md bg-bg p-3 font-mono text-xs">
            {JSON.stringify(toRequest(f), null, 2)}
          </pre>
        </Step>
      )}
      {dangers.length > 0 && (
        <div className="mt-4 rounded-lg border border-warn/50 bg-warn/10 p-3 text-sm" role="alert">
          <p className="font-medium text-warn">This container gets power over its host:</p>
          <ul className="mt-1 list-disc pl-5">
            {dangers.map((d) => (
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
      <div className="mt-5 flex justify-between">
        <Button variant="ghost" disabled={step === 0} onClick={() => setStep(step - 1)}>
          Back
        </Button>
        {step < STEPS.length - 1 ? (
          <Button onClick={() => setStep(step + 1)}>Next</Button>
        ) : (
          <Button
            variant="primary"
            busy={busy}
            disabled={blocking.length > 0}
            onClick={() => void submit()}
            title={blocking[0] ? `${blocking[0].field}: ${blocking[0].message}` : undefined}
          >
            Create and start
          </Button>
        )}
      </div>
      {step === STEPS.length - 1 && blocking.length > 0 && (
        <ul className="mt-2 text-xs text-bad" role="alert">
          {blocking.map((p) => (
            <li key={p.field + p.message}>
              {p.field}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
