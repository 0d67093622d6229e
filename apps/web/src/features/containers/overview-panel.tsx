import { useState, type ReactNode } from 'react';
import type { ContainerInspect } from '@harbourmaster/engine/types';
import { useCan } from '../../lib/session.js';

const SECRET = /pass|secret|token|key|credential|auth|private/i;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-xl border border-line bg-surface p-4">
      <h2 className="mb-3 text-xs font-semibold tracking-wide text-muted uppercase">{title}</h2>
      {children}
    </section>
  );
}

function Pairs({ rows }: { rows: Array<[string, ReactNode]> }) {
  if (rows.length === 0) return <p className="text-sm text-muted">None</p>;
  return (
    <dl className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="truncate text-muted">{k}</dt>
          <dd className="font-mono text-xs break-all">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Image, ports, mounts, env (secrets masked), labels, restart policy and health with its reason. */
export function OverviewPanel({ inspect }: { inspect: ContainerInspect }) {
  const mayReveal = useCan('operator');
  const [reveal, setReveal] = useState(false);
  const health = inspect.State.Health;
  const lastCheck = health?.Log?.at(-1);
  const ports = Object.entries(inspect.NetworkSettings.Ports ?? {}).flatMap(([p, binds]) =>
    (binds ?? []).map((b) => [p, `${b.HostIp || '0.0.0.0'}:${b.HostPort}`] as [string, string]),
  );
  const env = (inspect.Config.Env ?? []).map((e) => {
    const i = e.indexOf('=');
    const k = e.slice(0, i);
    const v = e.slice(i + 1);
    return [k, SECRET.test(k) && !reveal ? '••••••••' : v] as [string, string];
  });
  const policy = inspect.HostConfig.RestartPolicy;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section title="Container">
        <Pairs
          rows={[
            ['Image', inspect.Config.Image],
            ['Image ID', inspect.Image.replace('sha256:', '').slice(0, 12)],
            [
              'Command',
              [...(inspect.Config.Entrypoint ?? []), ...(inspect.Config.Cmd ?? [])].join(' ') || '—',
            ],
            [
              'Restart policy',
              policy?.Name
                ? `${policy.Name}${policy.MaximumRetryCount ? ` (max ${policy.MaximumRetryCount})` : ''}`
                : 'no',
            ],
            ['Restarts', String(inspect.RestartCount)],
            ['Network mode', inspect.HostConfig.NetworkMode ?? '—'],
            [
              'Started',
              inspect.State.StartedAt.startsWith('0001')
                ? '—'
                : new Date(inspect.State.StartedAt).toLocaleString(),
            ],
            ['Exit code', String(inspect.State.ExitCode)],
          ]}
        />
      </Section>
      <Section title="Health">
        {health ? (
          <Pairs
            rows={[
              ['Status', health.Status],
              ['Failing streak', String(health.FailingStreak)],
              [
                'Last check',
                lastCheck ? `exit ${lastCheck.ExitCode}: ${lastCheck.Output.trim() || '(no output)'}` : '—',
              ],
            ]}
          />
        ) : (
          <p className="text-sm text-muted">No health check configured.</p>
        )}
      </Section>
      <Section title="Ports">
        <Pairs rows={ports} />
      </Section>
      <Section title="Mounts">
        <Pairs
          rows={inspect.Mounts.map((m) => [
            m.Destination,
            `${m.Type}: ${m.Name ?? m.Source}${m.RW ? '' : ' (read-only)'}`,
          ])}
        />
      </Section>
      <Section title="Environment">
        {mayReveal && env.some(([k]) => SECRET.test(k)) && (
          <button className="mb-2 text-xs text-accent" onClick={() => setReveal(!reveal)}>
            {reveal ? 'Hide secret values' : 'Reveal secret values'}
          </button>
        )}
        <Pairs rows={env} />
      </Section>
      <Section title="Labels">
        <Pairs rows={Object.entries(inspect.Config.Labels ?? {})} />
      </Section>
    </div>
  );
}
