import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import { DataTable } from '../../components/data-table.js';

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
            cell: (e) => <span className={e.result === 'ok' ? 'text-ok' : 'text-bad'}>{e.result}</span>,
          },
        ]}
      />
    </section>
  );
}
