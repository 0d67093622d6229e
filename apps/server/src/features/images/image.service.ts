import type { HostRegistry } from '../hosts/host-registry.js';

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

  async remove(hostId: string, ref: string, force: boolean) {
    return this.hosts.engine(hostId).removeImage(ref, { force });
  }
}
