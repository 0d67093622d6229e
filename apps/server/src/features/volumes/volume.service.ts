import type { VolumeSummary } from '@harbourmaster/engine';
import type { HostRegistry } from '../hosts/host-registry.js';
import { EngineDrivers, hasDriver } from '../hosts/engine-drivers.js';
import { badRequest } from '../../http/http-errors.js';
import { pruneEach, type PruneOutcome } from '../prune/prune-outcome.js';

/**
 * Anonymous volumes: engines since API 1.42 label them; older ones (20.10 here) only give them a
 * 64-hex name.
 */
function isAnonymous(v: VolumeSummary): boolean {
  return v.Labels?.['com.docker.volume.anonymous'] !== undefined || /^[0-9a-f]{64}$/.test(v.Name);
}

/** Volumes on one host. Prune removes volumes one by one from its own list, the same on every API version. */
export class VolumeService {
  constructor(
    private readonly hosts: Pick<HostRegistry, 'engine'>,
    private readonly drivers = new EngineDrivers(hosts),
  ) {}

  private async usage(hostId: string) {
    const engine = this.hosts.engine(hostId);
    const [volumes, containers] = await Promise.all([
      engine.listVolumes(),
      engine.listContainers({ all: true }),
    ]);
    const used = new Set(
      containers.flatMap((c) =>
        (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name!),
      ),
    );
    return { volumes, used };
  }

  async list(hostId: string) {
    const { volumes, used } = await this.usage(hostId);
    return volumes
      .map((v) => ({
        name: v.Name,
        driver: v.Driver,
        mountpoint: v.Mountpoint,
        createdAt: v.CreatedAt ?? null,
        labels: v.Labels ?? {},
        anonymous: isAnonymous(v),
        inUse: used.has(v.Name),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async create(hostId: string, req: { name: string; driver: string; labels: Record<string, string> }) {
    const { volume } = await this.drivers.of(hostId, (d) => hasDriver(d.volume, req.driver));
    if (!hasDriver(volume, req.driver)) {
      throw badRequest(
        `driver: host ${hostId} has no volume driver "${req.driver}"; it has ${volume.join(', ') || 'none'}`,
        'driver',
      );
    }
    return this.hosts.engine(hostId).createVolume({ Name: req.name, Driver: req.driver, Labels: req.labels });
  }

  async remove(hostId: string, name: string, force: boolean): Promise<void> {
    await this.hosts.engine(hostId).removeVolume(name, { force });
  }

  /** Unused anonymous volumes, or with `all` every unused volume. */
  async prune(hostId: string, opts: { dryRun: boolean; all: boolean }): Promise<PruneOutcome> {
    const { volumes, used } = await this.usage(hostId);
    const items = volumes
      .filter((v) => !used.has(v.Name) && (opts.all || isAnonymous(v)))
      .map((v) => ({ id: v.Name, name: v.Name }));
    const engine = this.hosts.engine(hostId);
    return pruneEach(items, opts.dryRun, (v) => engine.removeVolume(v.name));
  }
}
