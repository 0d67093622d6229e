import { useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AlertHistoryItem } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { fullTime, timeAgo } from '../../lib/format-time.js';
import { Link } from '../../lib/router.js';
import { useCan } from '../../lib/session.js';
import { Button } from '../../components/button.js';
import { StateBadge } from '../../components/state-badge.js';
import { deliveryState, severityTone, statusTone, subjectLinks, timesLabel } from './alert-text.js';

const linkClass = 'text-fg underline decoration-line underline-offset-2 hover:text-accent';

/** Where it happened and what the engine said: host, container, stack, kind, exit code. */
function Subject({ alert }: { alert: AlertHistoryItem }) {
  const links = subjectLinks(alert);
  const code = alert.detail.exitCode;
  const parts = [
    alert.hostId && <span key="host">host {alert.hostId}</span>,
    alert.container &&
      (links.container ? (
        <Link key="container" to={links.container} className={linkClass}>
          {alert.container.name}
        </Link>
      ) : (
        <span key="container">{alert.container.name}</span>
      )),
    alert.stack &&
      (links.stack ? (
        <Link key="stack" to={links.stack} className={linkClass}>
          stack {alert.stack}
        </Link>
      ) : (
        <span key="stack">stack {alert.stack}</span>
      )),
    code !== undefined && <span key="code">exit code {code}</span>,
    <span key="kind" className="font-mono">
      {alert.kind}
    </span>,
  ].filter(Boolean);
  return <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted">{parts}</p>;
}

/** How the alert reached each channel, or why it was sent nowhere. */
function Deliveries({ alert }: { alert: AlertHistoryItem }) {
  if (alert.deliveries.length === 0)
    return <p className="text-xs text-muted">Not sent{alert.muted ? `: ${alert.muted}` : ''}.</p>;
  return (
    <ul className="space-y-1 text-xs" aria-label="Deliveries">
      {alert.deliveries.map((d) => {
        const s = deliveryState(d);
        return (
          <li key={d.channelId} className="flex flex-wrap items-center gap-2" data-testid="delivery">
            <span className="font-medium">{d.channelName}</span>
            <StateBadge state={s.word} tone={s.tone} />
            {s.detail && <span className={s.tone === 'bad' ? 'text-bad' : 'text-muted'}>{s.detail}</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** Who is on it, or the button that says "I am" (operators). */
function Acknowledgement({ alert }: { alert: AlertHistoryItem }) {
  const qc = useQueryClient();
  const canAck = useCan('operator');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (alert.ackedAt !== null)
    return (
      <p className="text-xs text-muted" title={fullTime(alert.ackedAt)}>
        Acknowledged by <span className="font-medium text-fg">{alert.ackedBy ?? 'someone'}</span>,{' '}
        {timeAgo(alert.ackedAt)}
      </p>
    );
  if (!canAck) return <p className="text-xs text-muted">Not acknowledged yet</p>;
  const ack = async () => {
    setBusy(true);
    try {
      await api.ackAlert(alert.id);
      setError(null);
      await qc.invalidateQueries({ queryKey: ['alerts'] });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex items-center gap-2">
      {error && (
        <span role="alert" className="text-xs text-bad">
          {error}
        </span>
      )}
      <Button busy={busy} onClick={() => void ack()} aria-label={`Acknowledge ${alert.title}`}>
        Acknowledge
      </Button>
    </div>
  );
}

/** One alert of the history: what happened, where, when, how often, where it was sent, who is on it. */
export function AlertCard({ alert }: { alert: AlertHistoryItem }) {
  const titleId = useId();
  const times = timesLabel(alert.repeats);
  const logTail = alert.detail.logTail ?? [];
  return (
    <article
      aria-labelledby={titleId}
      className="rounded-xl border border-line bg-surface px-4 py-3"
      data-testid="alert"
    >
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1.5">
        <div className="flex items-center gap-1.5">
          <StateBadge state={alert.severity} tone={severityTone(alert.severity)} />
          <StateBadge state={alert.status} tone={statusTone(alert.status)} />
        </div>
        <h2 id={titleId} className="min-w-0 flex-1 font-medium break-words">
          {alert.title}
          {times && (
            <span
              className="ml-2 text-xs font-normal text-muted"
              title="Identical alerts folded into this one"
            >
              {times}
            </span>
          )}
        </h2>
        <time
          dateTime={new Date(alert.at).toISOString()}
          title={fullTime(alert.at)}
          className="text-xs text-muted"
        >
          {timeAgo(alert.at)}
        </time>
      </div>
      {alert.message && <p className="mt-1 text-sm break-words">{alert.message}</p>}
      <Subject alert={alert} />
      {logTail.length > 0 && (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer text-muted hover:text-fg">
            Last log lines ({logTail.length})
          </summary>
          <pre className="mt-1 rounded-md bg-bg px-3 py-2 font-mono leading-5 break-all whitespace-pre-wrap">
            {logTail.join('\n')}
          </pre>
        </details>
      )}
      <div className="mt-3 flex flex-wrap items-end justify-between gap-3 border-t border-line pt-2.5">
        <Deliveries alert={alert} />
        <Acknowledgement alert={alert} />
      </div>
    </article>
  );
}
