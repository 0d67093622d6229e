import { useQuery } from '@tanstack/react-query';
import { DEFAULT_APP_DATA_ROOT } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { compareNames } from '../../lib/natural-sort.js';
import { PORT_PRESETS, suggestedHostFolder, type WizardForm } from './wizard-state.js';
import { ProblemText, RowList, SelectInput, TextInput } from './field-rows.js';
import { isUnder, type Problem } from './wizard-problems.js';

export interface StepProps {
  f: WizardForm;
  set: (patch: Partial<WizardForm>) => void;
  /** The problem to show now for a field or anything under it, in plain words. */
  problemOf: (field: string) => Problem | undefined;
  /** Marks a field as acted on: from then on its problems show. */
  touch: (field: string) => void;
}

const CHIP = 'rounded-md border border-line px-2 py-1 text-xs text-muted hover:text-fg';

/** A row's problem under the row; its inputs point at it with aria-describedby. */
function RowProblem({ id, problem }: { id: string; problem: Problem | undefined }) {
  return problem ? <ProblemText id={id}>{problem.message}</ProblemText> : null;
}

/** The row problem's id for the input the problem is about, so only that input reads as invalid. */
const about = (problem: Problem | undefined, field: string, id: string) =>
  problem && isUnder(problem.field, field) ? id : undefined;

/** Tags of the images already on the host: the ones a container can be created from right away. */
function useLocalImageTags(): string[] {
  const { data } = useQuery({ queryKey: ['images', 'local'], queryFn: () => api.images('local') });
  return (data?.images ?? [])
    .flatMap((i) => i.tags)
    .filter((t) => !t.startsWith('<none>'))
    .sort(compareNames);
}

export function ImageStep({ f, set, problemOf, touch }: StepProps) {
  const tags = useLocalImageTags();
  return (
    <>
      <TextInput
        label="Image"
        placeholder="nginx:1.27"
        value={f.image}
        onChange={(image) => set({ image })}
        onBlur={() => touch('image')}
        problem={problemOf('image')?.message}
        list="local-images"
        mono
        hint={
          <>
            {tags.length === 1 && 'The image on this host is offered as you type. '}
            {tags.length > 1 && `${tags.length} images on this host are offered as you type. `}
            Another image has to be pulled first, on the{' '}
            <Link to="/images" className="text-accent underline">
              Images
            </Link>{' '}
            page.
          </>
        }
      />
      <datalist id="local-images">
        {tags.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <TextInput
        label="Container name"
        placeholder="optional, e.g. web-1"
        value={f.name}
        onChange={(name) => set({ name })}
        onBlur={() => touch('name')}
        problem={problemOf('name')?.message}
      />
      <TextInput
        label="Command"
        placeholder="optional, run with sh -c"
        value={f.command}
        onChange={(command) => set({ command })}
        onBlur={() => touch('command')}
        problem={problemOf('command')?.message}
        mono
      />
      <TextInput
        label="Network"
        placeholder="bridge (default), host, none or a network name"
        value={f.network}
        onChange={(network) => set({ network })}
        onBlur={() => touch('network')}
        problem={problemOf('network')?.message}
      />
    </>
  );
}

export function PortsStep({ f, set, problemOf, touch }: StepProps) {
  const setPort = (i: number, patch: Partial<WizardForm['ports'][number]>) =>
    set({ ports: f.ports.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  return (
    <RowList
      rows={f.ports}
      addLabel="port"
      onAdd={() => set({ ports: [...f.ports, { containerPort: '', hostPort: '', protocol: 'tcp' }] })}
      onRemove={(i) => set({ ports: f.ports.filter((_, j) => j !== i) })}
      render={(p, i) => {
        const problemId = `port-problem-${i}`;
        const problem = problemOf(`ports.${i}`);
        return (
          <div className="min-w-0 flex-1">
            <div className="flex items-start gap-2">
              <TextInput
                label="Host port"
                rowLabel={String(i + 1)}
                placeholder="any free"
                value={p.hostPort}
                width="w-28"
                onChange={(hostPort) => setPort(i, { hostPort })}
                onBlur={() => touch(`ports.${i}`)}
                describedBy={about(problem, `ports.${i}.hostPort`, problemId)}
              />
              <span aria-hidden className="mt-7 text-muted">
                →
              </span>
              <TextInput
                label="Container port"
                rowLabel={String(i + 1)}
                placeholder="80"
                value={p.containerPort}
                width="w-32"
                onChange={(containerPort) => setPort(i, { containerPort })}
                onBlur={() => touch(`ports.${i}`)}
                describedBy={about(problem, `ports.${i}.containerPort`, problemId)}
              />
            </div>
            <RowProblem id={problemId} problem={problem} />
          </div>
        );
      }}
    >
      {PORT_PRESETS.map((p) => (
        <button
          key={p.port}
          type="button"
          onClick={() => {
            // A preset fills the whole row, which is as much an act as typing it and leaving.
            touch(`ports.${f.ports.length}`);
            set({
              ports: [
                ...f.ports,
                { containerPort: String(p.port), hostPort: String(p.port), protocol: 'tcp' },
              ],
            });
          }}
          className={CHIP}
        >
          {p.label}
        </button>
      ))}
    </RowList>
  );
}

/** The app-data root an admin chose at first boot (or the default), for bind-mount suggestions. */
function useAppDataRoot(): string {
  const { data } = useQuery({ queryKey: ['settings'], queryFn: () => api.settings() });
  return data?.appDataRoot ?? DEFAULT_APP_DATA_ROOT;
}

export function MountsStep({ f, set, problemOf, touch }: StepProps) {
  const root = useAppDataRoot();
  const setMount = (i: number, patch: Partial<WizardForm['mounts'][number]>) =>
    set({ mounts: f.mounts.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  return (
    <>
      <RowList
        rows={f.mounts}
        addLabel="bind mount"
        onAdd={() =>
          set({
            mounts: [
              ...f.mounts,
              {
                type: 'bind',
                source: suggestedHostFolder(root, f.name, '/data'),
                target: '/data',
                readOnly: false,
              },
            ],
          })
        }
        onRemove={(i) => set({ mounts: f.mounts.filter((_, j) => j !== i) })}
        render={(m, i) => {
          const problemId = `mount-problem-${i}`;
          const problem = problemOf(`mounts.${i}`);
          return (
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-start gap-2">
                <TextInput
                  label={m.type === 'bind' ? 'Host folder' : 'Volume name'}
                  rowLabel={`(mount ${i + 1})`}
                  placeholder={
                    m.type === 'bind'
                      ? suggestedHostFolder(root, f.name, m.target)
                      : 'empty for an anonymous volume'
                  }
                  value={m.source}
                  width="w-64"
                  mono
                  onChange={(source) => setMount(i, { source })}
                  onBlur={() => touch(`mounts.${i}`)}
                  describedBy={about(problem, `mounts.${i}.source`, problemId)}
                />
                <TextInput
                  label="Path in container"
                  rowLabel={`(mount ${i + 1})`}
                  placeholder="/data"
                  value={m.target}
                  width="w-40"
                  mono
                  onChange={(target) => setMount(i, { target })}
                  onBlur={() => touch(`mounts.${i}`)}
                  describedBy={about(problem, `mounts.${i}.target`, problemId)}
                />
              </div>
              <RowProblem id={problemId} problem={problem} />
            </div>
          );
        }}
      >
        <button
          type="button"
          onClick={() =>
            set({ mounts: [...f.mounts, { type: 'volume', source: '', target: '/data', readOnly: false }] })
          }
          className="rounded-md border border-dashed border-line px-3 py-1 text-xs text-muted hover:text-fg"
        >
          + named volume
        </button>
      </RowList>
      <p className="text-xs text-muted">
        Bind mounts suggest {root}/&lt;container name&gt;/…, under the app-data folder chosen at setup; the
        host folder must exist.
      </p>
    </>
  );
}

export function EnvStep({ f, set, problemOf, touch }: StepProps) {
  return (
    <>
      {(['env', 'labels'] as const).map((k) => {
        const what = k === 'env' ? 'Variable' : 'Label';
        return (
          <div key={k}>
            <h3 className="mb-2 text-xs font-semibold tracking-wide text-muted uppercase">
              {k === 'env' ? 'Environment variables' : 'Labels'}
            </h3>
            <RowList
              rows={f[k]}
              addLabel={what.toLowerCase()}
              onAdd={() => set({ [k]: [...f[k], { key: '', value: '' }] })}
              onRemove={(i) => set({ [k]: f[k].filter((_, j) => j !== i) })}
              render={(row, i) => (
                <>
                  <TextInput
                    label={`${what} name`}
                    rowLabel={String(i + 1)}
                    placeholder={k === 'env' ? 'TZ' : 'com.example.team'}
                    value={row.key}
                    width="w-48"
                    mono
                    onChange={(key) => set({ [k]: f[k].map((x, j) => (j === i ? { ...x, key } : x)) })}
                    onBlur={() => touch(k)}
                  />
                  <TextInput
                    label="Value"
                    rowLabel={`of ${what.toLowerCase()} ${i + 1}`}
                    placeholder={k === 'env' ? 'Europe/Berlin' : 'web'}
                    value={row.value}
                    width="w-64"
                    mono
                    onChange={(value) => set({ [k]: f[k].map((x, j) => (j === i ? { ...x, value } : x)) })}
                    onBlur={() => touch(k)}
                  />
                </>
              )}
            />
            <RowProblem id={`${k}-problem`} problem={problemOf(k)} />
          </div>
        );
      })}
    </>
  );
}

const RESTART_OPTIONS = [
  ['no', 'never restart'],
  ['unless-stopped', 'unless stopped'],
  ['always', 'always'],
  ['on-failure', 'on failure'],
] as const;

export function HealthStep({ f, set, problemOf, touch }: StepProps) {
  return (
    <>
      <TextInput
        label="Health check command"
        placeholder="optional, e.g. wget -qO- http://127.0.0.1:8080/health"
        value={f.healthcheck}
        onChange={(healthcheck) => set({ healthcheck })}
        onBlur={() => touch('healthcheck')}
        problem={problemOf('healthcheck')?.message}
        mono
      />
      <div className="flex flex-wrap items-start gap-3">
        <SelectInput
          label="Restart policy"
          value={f.restart}
          options={RESTART_OPTIONS}
          onChange={(restart) => set({ restart })}
          width="w-44"
        />
        <TextInput
          label="Memory limit (MB)"
          placeholder="no limit"
          value={f.memoryMb}
          width="w-36"
          onChange={(memoryMb) => set({ memoryMb })}
          onBlur={() => touch('resources.memoryBytes')}
          problem={problemOf('resources.memoryBytes')?.message}
        />
        <TextInput
          label="CPUs"
          placeholder="no limit"
          value={f.cpus}
          width="w-28"
          onChange={(cpus) => set({ cpus })}
          onBlur={() => touch('resources.cpus')}
          problem={problemOf('resources.cpus')?.message}
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
    </>
  );
}
