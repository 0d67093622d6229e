import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@harbourmaster/contracts';
import { api } from '../../lib/api.js';
import { DataTable } from '../../components/data-table.js';

const RESULT_CLASS: Record<AuditEntry['result'], string> = {
  ok: 'text-ok',
  error: 'text-bad',
  denied: 'text-bad',
  pending: 'text-muted',
  interrupted: 'text-warn',
};

/** An interrupted change says what the start-up reconcile found, e.g. "interrupted (completed at restart)". */
function resultText(e: AuditEntry): string {
  if (e.result !== 'interrupted') return e.result;
  const outcome = (e.detail?.reconcile as { outcome?: unknown } | undefined)?.outcome;
  return outcome === 'completed'
    ? 'interrupted (completed at restart)'
    : outcome === 'not-created'
      ? 'interrupted (not done)'
      : 'interrupted';
}

/** The audit log with filters by user, action and target. */
export function AuditSection() {
  const [f, setF] = useState({ actor: '', action: '', target: '' });
  const qs = new URLSearchParams(
    Object.entries({ ...f, limit: '200' }).filter(([, v]) => v !== ''),
  ).toString();
  const { data } = useQuery({
    queryKey: ['audit', qs],
    queryFn: () => api.request<Awaited<ReturnType<typeof api.audit>>>('GET', `/api/audit?${qs}`),
  });
  const input = (key: keyof typeof f, label: string) => (
    <input
      aria-label={label}
      placeholder={label}
      value={f[key]}
      onChange={(e) => setF({ ...f, [key]: e.target.value })}
      className="w-40 rounded-md border border-line bg-surface px-3 py-1.5 text-sm"
    />
  );
  return (
    <section className="space-y-3">
      <h2 className="text-base font-semibold">Audit log</h2>
      <div className="flex flex-wrap gap-2">
        {input('actor', 'user')}
        {input('action', 'action, e.g. container.')}
        {input('target', 'target')}
      </div>
      <DataTable
        rows={data?.entries ?? []}
        rowKey={(e) => String(e.id)}
        columns={[
          {
            label: 'Time',
            cell: (e) => <span className="font-mono text-xs">{new Date(e.ts).toLocaleString()}</span>,
          },
          { label: 'User', cell: (e) => e.actor },
          { label: 'Action', cell: (e) => e.action },
          { label: 'Target', cell: (e) => <span className="font-mono text-xs">{e.target ?? '—'}</span> },
          {
            label: 'Result',
            cell: (e) => <span className={RESULT_CLASS[e.result]}>{resultText(e)}</span>,
          },
        ]}
      />
    </section>
  );
}
