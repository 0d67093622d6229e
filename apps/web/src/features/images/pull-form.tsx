import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { imagePullBodySchema, type Job, type PullProgressState } from '@harbourmaster/contracts';
import { api, errorText, live } from '../../lib/api.js';
import { Button } from '../../components/button.js';

function LayerBar({ id, layer }: { id: string; layer: PullProgressState['layers'][string] }) {
  const pct = layer.total
    ? Math.min(100, Math.round(((layer.current ?? 0) / layer.total) * 100))
    : /complete|exists/i.test(layer.status)
      ? 100
      : 0;
  return (
    <div className="text-xs" data-testid="layer">
      <div className="flex justify-between font-mono text-muted">
        <span>{id.slice(0, 12)}</span>
        <span>
          {layer.status} {pct > 0 && pct < 100 ? `${pct}%` : ''}
        </span>
      </div>
      <div
        className="mt-1 h-1.5 overflow-hidden rounded-full bg-surface-2"
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={`layer ${id.slice(0, 12)}`}
      >
        <div className="h-full rounded-full bg-accent transition-[width]" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** Pulls an image as a job and shows each layer's progress as the engine reports it. */
export function PullForm({ host }: { host: string }) {
  const qc = useQueryClient();
  const [image, setImage] = useState('');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const jobId = job?.id;
  const running = job !== null && (job.state === 'queued' || job.state === 'running');

  useEffect(() => {
    if (!jobId) return;
    // The job may have ended before this listener existed: read it once more, keeping only an end state.
    void api.job(jobId).then((j) => {
      if (j.state !== 'queued' && j.state !== 'running') setJob(j);
    });
    return live.on((msg) => {
      // The topic names the job, so the payload is that job (TypeScript cannot narrow a template topic).
      if (msg.type !== 'event' || msg.topic !== `job:${jobId}`) return;
      const update = msg.data as Job;
      setJob(update);
      if (update.state === 'succeeded') void qc.invalidateQueries({ queryKey: ['images', host] });
    });
  }, [jobId, host, qc]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = imagePullBodySchema.safeParse({ image: image.trim() });
    if (!parsed.success) return setError(`image: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    setError(null);
    try {
      const { jobId } = await api.pull(host, parsed.data.image);
      live.subscribe([`job:${jobId}`]);
      setJob(await api.job(jobId));
    } catch (err) {
      setError(errorText(err));
    }
  };

  const progress = job?.progress as PullProgressState | null | undefined;
  return (
    <div className="mb-5 rounded-xl border border-line bg-surface p-4">
      <form onSubmit={(e) => void submit(e)} className="flex flex-wrap gap-2">
        <input
          aria-label="Image to pull"
          placeholder="registry.example:5000/team/app:1.2"
          value={image}
          onChange={(e) => setImage(e.target.value)}
          className="min-w-64 flex-1 rounded-md border border-line bg-bg px-3 py-1.5 font-mono text-sm outline-none focus:border-accent"
        />
        <Button type="submit" variant="primary" busy={running}>
          Pull
        </Button>
      </form>
      {error && (
        <p role="alert" className="mt-2 text-sm text-bad">
          {error}
        </p>
      )}
      {job && (
        <div className="mt-3 space-y-2" data-testid="pull-progress">
          <p className="text-sm">
            <span className="font-medium">{String(job.params.image)}</span> ·{' '}
            <span
              data-testid="pull-state"
              className={
                job.state === 'failed' ? 'text-bad' : job.state === 'succeeded' ? 'text-ok' : 'text-muted'
              }
            >
              {job.state}
            </span>
            {job.error && <span className="text-bad"> — {job.error}</span>}
            {progress?.status && <span className="text-muted"> · {progress.status}</span>}
          </p>
          {Object.entries(progress?.layers ?? {}).map(([id, layer]) => (
            <LayerBar key={id} id={id} layer={layer} />
          ))}
        </div>
      )}
    </div>
  );
}
