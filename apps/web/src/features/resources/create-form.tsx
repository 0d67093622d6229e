import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { Button } from '../../components/button.js';
import { errorText } from '../../lib/api.js';

/** A one-field create form validated with the server's own schema before it is sent. */
export function CreateForm({
  label,
  schema,
  extra,
  onCreate,
}: {
  label: string;
  schema: z.ZodType<{ name: string }>;
  extra?: (name: string) => Record<string, unknown>;
  onCreate: (body: Record<string, unknown>) => Promise<unknown>;
}) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { name: name.trim(), ...(extra?.(name) ?? {}) };
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      return setError(
        `${String(parsed.error.issues[0]?.path[0] ?? 'name')}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    setBusy(true);
    setError(null);
    try {
      await onCreate(body);
      setName('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-wrap items-center gap-2">
      <input
        aria-label={`New ${label} name`}
        placeholder={`new ${label} name`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        className="w-48 rounded-md border border-line bg-surface px-3 py-1.5 text-sm outline-none focus:border-accent"
      />
      <Button type="submit" busy={busy}>
        Create
      </Button>
      {error && (
        <span role="alert" className="text-xs text-bad">
          {error}
        </span>
      )}
    </form>
  );
}
