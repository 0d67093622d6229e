import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { userCreateBodySchema, type Role } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { sortByName } from '../../lib/natural-sort.js';
import { Button } from '../../components/button.js';
import { DataTable } from '../../components/data-table.js';

/** Users and their roles; the server refuses to remove or demote the last admin and says so. */
export function UsersSection() {
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ['users'], queryFn: () => api.users() });
  const [form, setForm] = useState({ username: '', password: '', role: 'viewer' as Role });
  const [error, setError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });
  const attempt = async (run: () => Promise<unknown>) => {
    try {
      await run();
      setError(null);
      await refresh();
    } catch (err) {
      setError(errorText(err));
    }
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    const parsed = userCreateBodySchema.safeParse(form);
    if (!parsed.success)
      return setError(
        `${String(parsed.error.issues[0]?.path[0] ?? '')}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    void attempt(async () => {
      await api.request('POST', '/api/users', parsed.data);
      setForm({ username: '', password: '', role: 'viewer' });
    });
  };

  return (
    <section className="space-y-3">
      <h2 className="text-base font-semibold">Users</h2>
      <form onSubmit={create} className="flex flex-wrap items-center gap-2">
        <input
          aria-label="New username"
          placeholder="username"
          value={form.username}
          onChange={(e) => setForm({ ...form, username: e.target.value })}
          className="w-40 rounded-md border border-line bg-surface px-3 py-1.5 text-sm"
        />
        <input
          aria-label="New password"
          type="password"
          placeholder="password (8+)"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          className="w-44 rounded-md border border-line bg-surface px-3 py-1.5 text-sm"
        />
        <select
          aria-label="New user role"
          value={form.role}
          onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          className="rounded-md border border-line bg-surface px-2 py-1.5 text-sm"
        >
          <option>viewer</option>
          <option>operator</option>
          <option>admin</option>
        </select>
        <Button type="submit" variant="primary">
          Add user
        </Button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      )}
      <DataTable
        rows={sortByName(data?.users ?? [], (u) => u.username)}
        rowKey={(u) => u.id}
        columns={[
          { label: 'Username', cell: (u) => <span className="font-medium">{u.username}</span> },
          {
            label: 'Role',
            cell: (u) => (
              <select
                aria-label={`Role of ${u.username}`}
                value={u.role}
                onChange={(e) =>
                  void attempt(() => api.request('PATCH', `/api/users/${u.id}`, { role: e.target.value }))
                }
                className="rounded border border-line bg-surface px-1 py-0.5 text-xs"
              >
                <option>viewer</option>
                <option>operator</option>
                <option>admin</option>
              </select>
            ),
          },
          {
            label: 'Status',
            cell: (u) =>
              u.disabled ? (
                <span className="text-bad">disabled</span>
              ) : (
                <span className="text-ok">active</span>
              ),
          },
          {
            label: 'Last sign-in',
            cell: (u) => (u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString() : 'never'),
            className: 'hidden md:table-cell',
          },
          {
            label: '',
            cell: (u) => (
              <span className="flex gap-1">
                <Button
                  variant="ghost"
                  onClick={() =>
                    void attempt(() => api.request('PATCH', `/api/users/${u.id}`, { disabled: !u.disabled }))
                  }
                >
                  {u.disabled ? 'Enable' : 'Disable'}
                </Button>
                <Button
                  variant="ghost"
                  onClick={() =>
                    confirm(`Delete ${u.username}? Their sessions and tokens end.`) &&
                    void attempt(() => api.request('DELETE', `/api/users/${u.id}`))
                  }
                >
                  Delete
                </Button>
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}
