import type { DockerEngine, EngineInfo } from '@harbourmaster/engine';
import type { HostRegistry } from './host-registry.js';

/** What a host's engine can create: its volume and network drivers, and whether it manages a Swarm. */
export interface DriverSet {
  volume: string[];
  network: string[];
  swarmManager: boolean;
}

interface Entry {
  at: number;
  value: Promise<DriverSet>;
}

/**
 * The drivers each host's engine has, from `info()`, kept briefly. Asking the engine for a driver it
 * lacks is not a cheap refusal: dockerd looks the plugin up for 15 s and blocks its volume store
 * meanwhile, so creates are checked against this list first.
 */
export class EngineDrivers {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly hosts: Pick<HostRegistry, 'engine'>,
    private readonly opts: { ttlMs: number; minRefreshMs: number; now: () => number } = {
      ttlMs: 30_000,
      minRefreshMs: 5_000,
      now: Date.now,
    },
  ) {}

  /**
   * The host's drivers; when `wanted` is given and missing from a list older than `minRefreshMs`,
   * the list is read again first (a plugin may have been installed since).
   */
  async of(hostId: string, wanted?: (set: DriverSet) => boolean): Promise<DriverSet> {
    const now = this.opts.now();
    let entry = this.#entries.get(hostId);
    if (entry === undefined || now - entry.at > this.opts.ttlMs) entry = this.load(hostId, now);
    const set = await entry.value;
    if (wanted === undefined || wanted(set) || now - entry.at < this.opts.minRefreshMs) return set;
    return this.load(hostId, now).value;
  }

  private load(hostId: string, now: number): Entry {
    const entry: Entry = { at: now, value: readDrivers(this.hosts.engine(hostId)) };
    this.#entries.set(hostId, entry);
    // A failed read is not kept: the next create asks again.
    entry.value.catch(() => {
      if (this.#entries.get(hostId) === entry) this.#entries.delete(hostId);
    });
    return entry;
  }
}

async function readDrivers(engine: DockerEngine): Promise<DriverSet> {
  const info: EngineInfo = await engine.info();
  return {
    volume: info.Plugins?.Volume ?? [],
    network: info.Plugins?.Network ?? [],
    swarmManager: info.Swarm?.ControlAvailable === true,
  };
}

/** Whether `driver` is in `known`; a managed plugin named without a tag means its `:latest`. */
export function hasDriver(known: string[], driver: string): boolean {
  return known.includes(driver) || (!driver.includes(':') && known.includes(`${driver}:latest`));
}
