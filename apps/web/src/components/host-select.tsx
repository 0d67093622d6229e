import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.js';

/** The host a per-host page shows; a picker appears once there is more than one host. */
export function useHost(): { host: string; picker: React.ReactNode } {
  const { data } = useQuery({ queryKey: ['hosts'], queryFn: () => api.hosts() });
  const [host, setHost] = useState('local');
  const hosts = data?.hosts ?? [];
  const picker =
    hosts.length > 1 ? (
      <select
        aria-label="Host"
        value={host}
        onChange={(e) => setHost(e.target.value)}
        className="rounded-md border border-line bg-surface px-2 py-1.5 text-sm"
      >
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </select>
    ) : null;
  return { host, picker };
}
