import { useState, type ChangeEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { iconBodySchema } from '@harbourmaster/contracts';
import { api, errorText } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { ContainerIcon } from '../../components/container-icon.js';

/** Sets a container's icon from a URL or an uploaded file; it is kept by name, like tags. */
export function IconEditor({
  host,
  id,
  name,
  icon,
}: {
  host: string;
  id: string;
  name: string;
  icon: string | null;
}) {
  const qc = useQueryClient();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (value: string | null) => {
    const parsed = iconBodySchema.safeParse({ icon: value });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'not an image URL');
    setBusy(true);
    setError(null);
    try {
      await api.request(
        'PUT',
        `/api/hosts/${encodeURIComponent(host)}/containers/${encodeURIComponent(id)}/icon`,
        parsed.data,
      );
      setUrl('');
      await qc.invalidateQueries();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const upload = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > 280_000) return setError('the image is over 280 KB; pick a smaller one');
    const reader = new FileReader();
    reader.onload = () => void save(typeof reader.result === 'string' ? reader.result : null);
    reader.readAsDataURL(file);
  };

  return (
    <section className="mt-4 rounded-xl border border-line bg-surface p-4">
      <h2 className="mb-3 text-sm font-semibold">Icon</h2>
      <div className="flex flex-wrap items-center gap-3">
        <ContainerIcon name={name} icon={icon} size={36} />
        <input
          aria-label="Icon URL"
          placeholder="https://…/icon.png"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          className="w-72 rounded-md border border-line bg-bg px-3 py-1.5 text-sm"
        />
        <Button busy={busy} onClick={() => void save(url.trim())} disabled={!url.trim()}>
          Use URL
        </Button>
        <label className="cursor-pointer rounded-md border border-line bg-surface-2 px-3 py-1.5 text-[13px] font-medium hover:bg-line">
          Upload…
          <input
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif,image/svg+xml"
            className="sr-only"
            onChange={upload}
            aria-label="Upload icon"
          />
        </label>
        {icon && (
          <Button variant="ghost" onClick={() => void save(null)}>
            Remove
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-bad">
          {error}
        </p>
      )}
    </section>
  );
}
