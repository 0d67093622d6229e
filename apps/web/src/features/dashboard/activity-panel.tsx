import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import { useCan } from '../../lib/session.js';
import { useLiveEvent } from '../../lib/use-live.js';
import { clockTime, fullTime } from '../../lib/format-time.js';
import { Link } from '../../lib/router.js';
import { EmptyState, Panel } from '../../components/feedback.js';
import { useEngineFeed } from './engine-feed.js';

type Entry = {
  key: string;
  at: number;
  source: 'engine' | 'audit';
  what: string;
  target: string;
  by?: string;
};

const AUDIT_KEY = ['dashboard-audit'] as const;

/**
 * Recent activity: engine events as they happen and, for admins, the latest audit entries (who
 * changed what), newest first.
 */
export function ActivityPanel() {
  const qc = useQueryClient();
  const isAdmin = useCan('admin');
  const feed = useEngineFeed();
  const audit = useQuery({ queryKey: AUDIT_KEY, queryFn: () => api.audit(10), enabled: isAdmin });
  useLiveEvent('audit', () => void qc.invalidateQueries({ queryKey: AUDIT_KEY }), isAdmin);

  const entries: Entry[] = [
    ...feed.map((e): Entry => ({
      key: `e${e.key}`,
      at: e.at,
      source: 'engine',
      what: `${e.type} ${e.action}`,
      target: e.name,
    })),
    ...(audit.data?.entries ?? []).map((a): Entry => ({
      key: `a${a.id}`,
      at: a.ts,
      source: 'audit',
      what: a.result === 'ok' ? a.action : `${a.action} (${a.result})`,
      // Containers are audited by their full id; twelve characters are what people recognise.
      target: (a.target ?? '').replace(/\b[0-9a-f]{64}\b/g, (id) => id.slice(0, 12)),
      by: a.actor,
    })),
  ]
    .sort((a, b) => b.at - a.at)
    .slice(0, 15);

  return (
    <Panel
      title="Recent activity"
      actions={
        <Link to="/events" className="text-xs text-accent hover:underline">
          All events
        </Link>
      }
    >
      {entries.length === 0 ? (
        <EmptyState title="Listening for events">
          Starts, stops, health changes{isAdmin ? ' and changes made here' : ''} appear as they happen.
        </EmptyState>
      ) : (
        <ol className="divide-y divide-line text-sm">
          {entries.map((e) => (
            <li key={e.key} className="flex items-baseline gap-3 py-1.5">
              <time
                className="w-16 shrink-0 font-mono text-[11px] whitespace-nowrap text-muted"
                title={fullTime(e.at)}
              >
                {clockTime(e.at)}
              </time>
              <span
                className={`w-12 shrink-0 text-[11px] tracking-wide uppercase ${e.source === 'audit' ? 'text-accent' : 'text-muted'}`}
              >
                {e.source}
              </span>
              <span className="min-w-0 flex-1 truncate">
                <span className="font-medium">{e.what}</span> <span className="text-muted">{e.target}</span>
              </span>
              {e.by && <span className="hidden shrink-0 text-xs text-muted sm:inline">by {e.by}</span>}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
