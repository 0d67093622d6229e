import type { ReactNode } from 'react';
import type { ContainerInspect } from '@harbourmaster/contracts';
import { Panel } from '../../components/feedback.js';
import { StateBadge } from '../../components/state-badge.js';
import { fullTime, timeAgo } from '../../lib/format-time.js';
import { compareNames } from '../../lib/natural-sort.js';
import { MASK, isSecretName, splitEnv } from './secret-env.js';

function Pairs({ rows, empty = 'None' }: { rows: Array<[string, ReactNode]>; empty?: string }) {
  if (rows.length === 0) return <p className="text-sm text-muted">{empty}</p>;
  return (
    <dl className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(([k, v], i) => (
        <div key={`${k}-${i}`} className="contents">
          <dt className="truncate text-muted" title={k}>
            {k}
          </dt>
          <dd className="font-mono text-xs leading-5 break-all">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const engineTime = (s: string) => (s.startsWith('0001') ? null : Date.parse(s));

function ports(inspect: ContainerInspect): Array<[string, string]> {
  const bound = Object.entries(inspect.NetworkSettings.Ports ?? {}).flatMap(([p, binds]) =>
    (binds ?? []).map((b) => [p, `${b.HostIp || '0.0.0.0'}:${b.HostPort}`] as [string, string]),
  );
  const exposedOnly = Object.keys(inspect.Config.ExposedPorts ?? {})
    .filter((p) => !bound.some(([q]) => q === p))
    .map((p) => [p, 'not published'] as [string, string]);
  return [...bound, ...exposedOnly];
}

function HealthSection({ inspect }: { inspect: ContainerInspect }) {
  const health = inspect.State.Health;
  if (!health) return <p className="text-sm text-muted">No health check configured.</p>;
  const last = health.Log?.at(-1);
  const test = inspect.Config.Healthcheck?.Test?.filter((t) => t !== 'CMD-SHELL' && t !== 'CMD').join(' ');
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <StateBadge state={health.Status} />
        {health.FailingStreak > 0 && (
          <span className="text-xs text-muted">failed {health.FailingStreak} checks in a row</span>
        )}
      </div>
      {last && (
        <div>
          <p className="mb-1 text-xs text-muted">
            Last check {timeAgo(Date.parse(last.End))}, exit code {last.ExitCode}
          </p>
          <pre className="max-h-40 overflow-auto rounded-md border border-line bg-bg p-2 font-mono text-xs whitespace-pre-wrap">
            {last.Output.trim() || '(no output)'}
          </pre>
        </div>
      )}
      {test && <Pairs rows={[['Test', test]]} />}
    </div>
  );
}

/** Image, ports, mounts, env (secrets masked until revealed), labels, restart policy and health. */
export function OverviewPanel({
  inspect,
  tags,
  imageDigests,
  reveal,
  onReveal,
}: {
  inspect: ContainerInspect;
  tags: string[];
  imageDigests: string[];
  /** Whether secret values are shown; only operators get the switch (viewers get masked values). */
  reveal: boolean;
  onReveal: (() => void) | null;
}) {
  const env = (inspect.Config.Env ?? []).map(splitEnv);
  const hasSecrets = env.some(([k]) => isSecretName(k));
  const policy = inspect.HostConfig.RestartPolicy;
  const started = engineTime(inspect.State.StartedAt);
  const finished = engineTime(inspect.State.FinishedAt);
  const networks = Object.keys(inspect.NetworkSettings.Networks ?? {});
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Panel title="Container">
        <Pairs
          rows={[
            ['Image', inspect.Config.Image],
            ['Image ID', inspect.Image.replace('sha256:', '').slice(0, 12)],
            ['Digest', imageDigests[0]?.split('@')[1] ?? 'none (local image)'],
            [
              'Command',
              [...(inspect.Config.Entrypoint ?? []), ...(inspect.Config.Cmd ?? [])].join(' ') || '—',
            ],
            [
              'Restart policy',
              policy?.Name && policy.Name !== 'no'
                ? `${policy.Name}${policy.MaximumRetryCount ? ` (max ${policy.MaximumRetryCount})` : ''}`
                : 'no (stays down if it stops)',
            ],
            ['Restarts', String(inspect.RestartCount)],
            ['Network', networks.join(', ') || inspect.HostConfig.NetworkMode || '—'],
            ['Created', <span title={inspect.Created}>{timeAgo(Date.parse(inspect.Created))}</span>],
            ['Started', started ? <span title={fullTime(started)}>{timeAgo(started)}</span> : '—'],
            ...(inspect.State.Running
              ? []
              : ([
                  [
                    'Exit code',
                    `${inspect.State.ExitCode}${inspect.State.OOMKilled ? ' (out of memory)' : ''}`,
                  ],
                  ['Finished', finished ? timeAgo(finished) : '—'],
                ] as Array<[string, string]>)),
            ...(inspect.State.Error ? ([['Error', inspect.State.Error]] as Array<[string, string]>) : []),
            ...(tags.length ? ([['Tags', tags.join(', ')]] as Array<[string, string]>) : []),
          ]}
        />
      </Panel>
      <Panel title="Health">
        <HealthSection inspect={inspect} />
      </Panel>
      <Panel title="Ports">
        <Pairs rows={ports(inspect)} empty="No ports published." />
      </Panel>
      <Panel title="Mounts">
        <Pairs
          rows={inspect.Mounts.map((m) => [
            m.Destination,
            `${m.Type}: ${m.Name ?? m.Source}${m.RW ? '' : ' (read-only)'}`,
          ])}
          empty="No mounts: its files live and die with the container."
        />
      </Panel>
      <Panel
        title="Environment"
        actions={
          hasSecrets && onReveal ? (
            <button className="text-xs font-medium text-accent hover:underline" onClick={onReveal}>
              {reveal ? 'Hide secret values' : 'Reveal secret values'}
            </button>
          ) : null
        }
      >
        <Pairs rows={env.map(([k, v]) => [k, isSecretName(k) && !reveal ? MASK : v])} />
      </Panel>
      <Panel title="Labels">
        <Pairs rows={Object.entries(inspect.Config.Labels ?? {}).sort(([a], [b]) => compareNames(a, b))} />
      </Panel>
    </div>
  );
}
