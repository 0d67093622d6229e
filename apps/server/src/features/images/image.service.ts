import type { HostRegistry } from '../hosts/host-registry.js';
import { pruneEach, type PruneOutcome } from '../prune/prune-outcome.js';

/** Image reads and removal on one host. */
export class ImageService {
  constructor(private readonly hosts: Pick<HostRegistry, 'engine'>) {}

  async list(hostId: string) {
    const engine = this.hosts.engine(hostId);
    const [images, containers] = await Promise.all([
      engine.listImages(),
      engine.listContainers({ all: true }),
    ]);
    const used = new Set(containers.map((c) => c.ImageID));
    return images.map((i) => ({
      id: i.Id,
      tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      digests: (i.RepoDigests ?? []).filter((d) => !d.startsWith('<none>')),
      createdAt: i.Created * 1000,
      size: i.Size,
      inUse: used.has(i.Id),
    }));
  }

  /** Untagged images no container uses, or with `all` every image no container uses. */
  async prune(hostId: string, opts: { dryRun: boolean; all: boolean }): Promise<PruneOutcome> {
    const images = await this.list(hostId);
    const items = images
      .filter((i) => !i.inUse && (opts.all || i.tags.length === 0))
      .map((i) => ({ id: i.id, name: i.tags[0] ?? i.id.replace('sha256:', '').slice(0, 12) }));
    const engine = this.hosts.engine(hostId);
    return pruneEach(items, opts.dryRun, async (i) => {
      await engine.removeImage(i.id);
    });
  }

  async remove(hostId: string, ref: string, force: boolean) {
    return this.hosts.engine(hostId).removeImage(ref, { force });
  }
}
