import { useCallback, useEffect, useState } from 'react';
import type { Job } from '@harbourmaster/contracts';
import { api, live } from '../../lib/api.js';

/** What a stack job reports while it runs: Compose's output so far, and whether it waits its turn. */
export type StackJobProgress = { lines?: string[]; waiting?: boolean; message?: string };

export const isActive = (job: Job | null): boolean => job?.state === 'queued' || job?.state === 'running';

/**
 * Follows one job live (its `job:<id>` topic): start it with `track(jobId)`; `onDone` runs once
 * when it ends, whatever the outcome.
 */
export function useJob(onDone?: (job: Job) => void) {
  const [job, setJob] = useState<Job | null>(null);
  const jobId = job?.id;
  useEffect(() => {
    if (!jobId) return;
    let ended = false;
    const end = (j: Job) => {
      setJob(j);
      if (!ended && !isActive(j)) {
        ended = true;
        onDone?.(j);
      }
    };
    const release = live.subscribe([`job:${jobId}`]);
    // It may have ended before the subscription: read it once more.
    void api.job(jobId).then((j) => (isActive(j) ? undefined : end(j)));
    const off = live.on((msg) => {
      if (msg.type === 'event' && msg.topic === `job:${jobId}`) end(msg.data as Job);
    });
    return () => {
      off();
      release();
    };
    // onDone is read when the job ends; a new one per render must not resubscribe.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId]);
  const track = useCallback(async (id: string) => setJob(await api.job(id)), []);
  return { job, track, clear: () => setJob(null) };
}
