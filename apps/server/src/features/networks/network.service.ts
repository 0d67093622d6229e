import { EngineError, type NetworkCreateBody } from '@harbourmaster/engine';
import type { HostRegistry } from '../hosts/host-registry.js';
import { EngineDrivers, hasDriver } from '../hosts/engine-drivers.js';
import { badRequest } from '../../http/http-errors.js';
import { pruneEach, type PruneOutcome } from '../prune/prune-outcome.js';

const BUILT_IN = new Set(['bridge', 'host', 'none']);

/** Networks on one host. Prune computes its list first, so a dry run shows exactly what would go. */
export class NetworkService {
  constructor(
    private readonly hosts: Pick<HostRegistry, 'engine'>,
    private readonly drivers = new EngineDrivers(hosts),
  ) {}

  private async usage(hostId: string) {
    const engine = this.hosts.engine(hostId);
    const [networks, containers] = await Promise.all([
      engine.listNetworks(),
      engine.listContainers({ all: true }),
    ]);
    // A created-but-never-started container has no NetworkID yet, only the network's name as key.
    const idByName = new Map(networks.map((n) => [n.Name, n.Id]));
    const users = new Map<string, number>();
    for (const c of containers) {
      for (const [name, n] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
        const id = n.NetworkID || idByName.get(name);
        if (id) users.set(id, (users.get(id) ?? 0) + 1);
      }
    }
    return { networks, users };
  }

  async list(hostId: string) {
    const { networks, users } = await this.usage(hostId);
    return networks
      .map((n) => ({
        id: n.Id,
        name: n.Name,
        driver: n.Driver,
        scope: n.Scope,
        internal: n.Internal,
        attachable: n.Attachable,
        subnets: (n.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
        labels: n.Labels ?? {},
        builtIn: BUILT_IN.has(n.Name),
        containers: users.get(n.Id) ?? 0,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async create(
    hostId: string,
    req: {
      name: string;
      driver: string;
      internal: boolean;
      attachable: boolean;
      subnet?: string | undefined;
      gateway?: string | undefined;
      labels: Record<string, string>;
    },
  ) {
    await this.checkDriver(hostId, req.driver);
    const body: NetworkCreateBody = {
      Name: req.name,
      CheckDuplicate: true,
      Driver: req.driver,
      Internal: req.internal,
      Attachable: req.attachable,
      Labels: req.labels,
    };
    if (req.subnet)
      body.IPAM = { Config: [{ Subnet: req.subnet, ...(req.gateway ? { Gateway: req.gateway } : {}) }] };
    return this.hosts
      .engine(hostId)
      .createNetwork(body)
      .catch((err: unknown) => {
        // The engine lists drivers the host's kernel cannot run (ipvlan, macvlan in containers).
        if (err instanceof EngineError && /operation not supported/i.test(err.message)) {
          throw badRequest(
            `driver: host ${hostId} cannot run ${req.driver} networks: ${err.message}`,
            'driver',
          );
        }
        throw err;
      });
  }

  /** Refuses what the engine would refuse only after a long plugin lookup, or with a 500. */
  private async checkDriver(hostId: string, driver: string): Promise<void> {
    const { network, swarmManager } = await this.drivers.of(hostId, (d) => hasDriver(d.network, driver));
    if (!hasDriver(network, driver)) {
      throw badRequest(
        `driver: host ${hostId} has no network driver "${driver}"; it has ${network.join(', ') || 'none'}`,
        'driver',
      );
    }
    if (driver === 'overlay' && !swarmManager) {
      throw badRequest(
        `driver: overlay networks need a Swarm manager, and host ${hostId} is not one`,
        'driver',
      );
    }
  }

  async remove(hostId: string, id: string): Promise<void> {
    await this.hosts.engine(hostId).removeNetwork(id);
  }

  async prune(hostId: string, dryRun: boolean): Promise<PruneOutcome> {
    const { networks, users } = await this.usage(hostId);
    const items = networks
      .filter((n) => !BUILT_IN.has(n.Name) && n.Scope === 'local' && !users.get(n.Id))
      .map((n) => ({ id: n.Id, name: n.Name }));
    const engine = this.hosts.engine(hostId);
    return pruneEach(items, dryRun, (n) => engine.removeNetwork(n.id));
  }
}
