import { hostname as osHostname } from 'node:os';
import { execFileRunner, type CommandRunner } from './command-runner.js';

/**
 * The machine the daemon runs on: its hostname and time zone, read always, changed only when the
 * daemon runs as the Harbourmaster OS (HM_MANAGE_HOST). On anyone else's server, and inside a
 * container, the machine belongs to its owner.
 */
export interface HostMachine {
  /** Whether this daemon may change the machine (HM_MANAGE_HOST). */
  readonly managed: boolean;
  hostname(): string;
  /** The zone the daemon's process runs in (TZ or /etc/localtime), e.g. Europe/Berlin or UTC. */
  timezone(): string;
  /** Sets the static hostname through systemd-hostnamed. The name must be validated already. */
  setHostname(name: string): Promise<void>;
  /** Sets the system time zone through systemd-timedated. The zone must be validated already. */
  setTimezone(zone: string): Promise<void>;
}

export class HostNotManagedError extends Error {
  override readonly name = 'HostNotManagedError';
  constructor() {
    super('this daemon does not manage the machine (HM_MANAGE_HOST is false)');
  }
}

/**
 * The machine through systemd's own tools, with argv arrays and `--` before the value, so a value
 * can never be read as an option (they are validated before they get here as well).
 * @example
 * const machine = createHostMachine({ managed: config.manageHost });
 * if (machine.managed) await machine.setTimezone('Europe/Berlin'); // timedatectl set-timezone -- Europe/Berlin
 */
export function createHostMachine(opts: { managed: boolean; run?: CommandRunner }): HostMachine {
  const run = opts.run ?? execFileRunner;
  const guarded = async (file: string, args: readonly string[]) => {
    if (!opts.managed) throw new HostNotManagedError();
    await run(file, args);
  };
  return {
    managed: opts.managed,
    hostname: () => osHostname(),
    timezone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    setHostname: (name) => guarded('hostnamectl', ['set-hostname', '--', name]),
    setTimezone: (zone) => guarded('timedatectl', ['set-timezone', '--', zone]),
  };
}
