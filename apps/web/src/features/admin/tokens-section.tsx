import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { DataTable } from '../../components/data-table.js';

/** API tokens: the value is shown once, with a copy button; only a hash is kept. */
export function TokensSection() {
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ['tokens'], queryFn: () => api.tokens() });
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const t = await api.createToken({ name: name.trim(), role });
      setCreated(t.token);
      setCopied(false);
      setName('');
      setError(null);
      await qc.invalidateQueries({ queryKey: ['tokens'] });
    } catch (err) {
      setError(errorText(err));
    }
  };
  const copy = async () => {
    if (!created) return;
    await navigator.clipboard.writeText(created);
    setCopied(true);
  };

  return (
    <section className="space-y-3">
      <h2 className="text-base font-semibold">API tokens</h2>
      <form onSubmit={(e) => void create(e)} className="flex flex-wrap items-center gap-2">
        <input
          aria-label="Token name"
          placeholder="token name, e.g. ci"
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="w-48 rounded-md border border-line bg-surface px-3 py-1.5 text-sm"
        />
        <select
          aria-label="Token role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          className="rounded-md border border-line bg-surface px-2 py-1.5 text-sm"
        >
          <option>viewer</option>
          <option>operator</option>
          <option>admin</option>
        </select>
        <Button type="submit" variant="primary">
          Create token
        </Button>
        {error && (
          <span role="alert" className="text-xs text-bad">
            {error}
          </span>
        )}
      </form>
      {created && (
        <div className="rounded-lg border border-ok/40 bg-ok/10 p-3 text-sm" role="status">
          <p className="font-medium">Copy this token now: it is not shown again.</p>
          <div className="mt-2 flex items-center gap-2">
            <code
              className="flex-1 truncate rounded bg-bg px-2 py-1 font-mono text-xs"
              data-testid="new-token"
            >
              {created}
            </code>
            <Button onClick={() => void copy()}>{copied ? 'Copied' : 'Copy'}</Button>
          </div>
        </div>
      )}
      <DataTable
        rows={data?.tokens ?? []}
        rowKey={(t) => t.id}
        columns={[
          { label: 'Name', cell: (t) => t.name },
          { label: 'Role', cell: (t) => t.role },
          {
            label: 'Last used',
            cell: (t) => (t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never'),
          },
          {
            label: '',
            cell: (t) => (
              <Button
                variant="ghost"
                onClick={() =>
                  void api.deleteToken(t.id).then(() => qc.invalidateQueries({ queryKey: ['tokens'] }))
                }
              >
                Revoke
              </Button>
            ),
          },
        ]}
      />
    </section>
  );
}
