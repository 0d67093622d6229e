import type { StackAction, StackReply } from '@harbourmaster/contracts';
import { Link } from '../../lib/router.js';
import { StateBadge } from '../../components/state-badge.js';
import { Button } from '../../components/button.js';
import { EmptyState } from '../../components/feedback.js';

/** The services of a stack: each container's state, image and ports, with per-service actions. */
export function StackServices({
  host,
  stack,
  declared,
  canOperate,
  busy,
  onAction,
  onLogs,
}: {
  host: string;
  stack: StackReply;
  /** Services the compose file declares, shown even before they have containers. */
  declared: string[];
  canOperate: boolean;
  busy: boolean;
  onAction: (service: string, action: Exclude<StackAction, 'down'>) => void;
  onLogs: (service: string) => void;
}) {
  const names = [...new Set([...declared, ...stack.services.map((s) => s.name)])];
  if (names.length === 0)
    return <EmptyState title="No services">The compose file declares none yet.</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-xl border border-line bg-surface">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-line text-left text-xs tracking-wide text-muted uppercase">
            <th className="px-3 py-2 font-medium">Service</th>
            <th className="px-3 py-2 font-medium">Container</th>
            <th className="px-3 py-2 font-medium">State</th>
            <th className="px-3 py-2 font-medium">Image</th>
            <th className="px-3 py-2 font-medium">Ports</th>
            <th className="px-3 py-2 text-right font-medium">Actions</th>
          </tr>
        </thead>
        <tbody>
          {names.map((name) => {
            const containers = stack.services.find((s) => s.name === name)?.containers ?? [];
            const rows = containers.length > 0 ? containers : [null];
            return rows.map((c, i) => (
              <tr key={c?.id ?? name} className="border-b border-line last:border-0" data-service={name}>
                <td className="px-3 py-2 font-medium">{i === 0 ? name : ''}</td>
                <td className="px-3 py-2">
                  {c ? (
                    <Link
                      to={`/containers/${encodeURIComponent(host)}/${encodeURIComponent(c.id)}`}
                      className="font-mono text-xs text-accent hover:underline"
                    >
                      {c.name}
                    </Link>
                  ) : (
                    <span className="text-muted">not created</span>
                  )}
                </td>
                <td className="px-3 py-2">{c ? <StateBadge state={c.state} /> : null}</td>
                <td className="max-w-56 truncate px-3 py-2 font-mono text-xs text-muted">{c?.image ?? ''}</td>
                <td className="px-3 py-2 font-mono text-xs text-muted">{c?.ports?.join(', ') || '—'}</td>
                <td className="px-3 py-2 text-right whitespace-nowrap">
                  {i === 0 && (
                    <span className="inline-flex gap-1">
                      <Button variant="ghost" onClick={() => onLogs(name)} aria-label={`Logs of ${name}`}>
                        Logs
                      </Button>
                      {canOperate && (
                        <Button
                          variant="ghost"
                          disabled={busy}
                          onClick={() => onAction(name, containers.length > 0 ? 'restart' : 'deploy')}
                          aria-label={`${containers.length > 0 ? 'Restart' : 'Start'} ${name}`}
                        >
                          {containers.length > 0 ? 'Restart' : 'Start'}
                        </Button>
                      )}
                    </span>
                  )}
                </td>
              </tr>
            ));
          })}
        </tbody>
      </table>
    </div>
  );
}
