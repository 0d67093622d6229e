import type { PullProgressState } from '@harbourmaster/contracts';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { JobHandler } from '../jobs/job-runner.js';

export interface PullParams {
  image: string;
}

/** Folds the engine's pull messages into per-layer progress (one entry per layer id). */
export function foldPullMessage(
  state: PullProgressState,
  msg: { status: string; id?: string; progressDetail?: { current?: number; total?: number } },
): PullProgressState {
  if (!msg.id || msg.id === 'latest' || !/^[0-9a-f]{12,}$/.test(msg.id))
    return { ...state, status: msg.status };
  const prev = state.layers[msg.id];
  const d = msg.progressDetail;
  const layer = {
    status: msg.status,
    current:
      d?.current ??
      (/complete|already exists/i.test(msg.status) ? (prev?.total ?? null) : (prev?.current ?? null)),
    total: d?.total ?? prev?.total ?? null,
  };
  return { status: state.status, layers: { ...state.layers, [msg.id]: layer } };
}

/** Pulls an image; safe to resume after a crash because a pull starts over where layers exist. */
export function pullJob(hosts: Pick<HostRegistry, 'engine'>): JobHandler<PullParams> {
  return {
    kind: 'image.pull',
    resumable: true,
    async run(ctx) {
      if (!ctx.hostId) throw new Error('an image pull needs a host');
      const engine = hosts.engine(ctx.hostId);
      let state: PullProgressState = { status: 'starting', layers: {} };
      ctx.progress(state);
      for await (const msg of engine.pullImage(ctx.params.image, { signal: ctx.signal })) {
        state = foldPullMessage(state, msg);
        ctx.progress(state);
      }
      const image = await engine.inspectImage(ctx.params.image);
      return { imageId: image.Id, digests: image.RepoDigests ?? [] };
    },
  };
}
