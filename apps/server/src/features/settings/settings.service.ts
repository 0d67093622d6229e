import {
  DEFAULT_APP_DATA_ROOT,
  type Settings,
  type SettingsUpdateReply,
  type SettingsUpdateRequest,
} from '@harbourmaster/contracts';
import type { HostMachine } from '../../adapters/host/host-machine.js';
import { applyToMachine } from './host-changes.js';
import type { SettingsStore } from './settings-store.js';

export interface SettingsDeps {
  store: Pick<SettingsStore, 'read' | 'write'>;
  machine: Pick<HostMachine, 'managed' | 'hostname' | 'timezone' | 'setHostname' | 'setTimezone'>;
}

/** The panel's settings with their defaults, and changes to them (the time zone reaches the machine when it is managed). */
export class SettingsService {
  constructor(private readonly deps: SettingsDeps) {}

  /** Every setting, a default where none was chosen, and the machine's name; the TLS email only when `withEmail`. */
  async current({ withEmail }: { withEmail: boolean }): Promise<Settings> {
    const stored = await this.deps.store.read();
    const tls = stored.tls ?? { mode: 'none' as const };
    return {
      // After setup, the panel's settings page shows the machine from here (/api/setup/host is gone).
      hostname: this.deps.machine.hostname(),
      manageHost: this.deps.machine.managed,
      appDataRoot: stored.appDataRoot ?? DEFAULT_APP_DATA_ROOT,
      timezone: stored.timezone ?? this.deps.machine.timezone(),
      tls: {
        mode: tls.mode,
        ...(tls.domain !== undefined && { domain: tls.domain }),
        ...(withEmail && tls.email !== undefined && { email: tls.email }),
      },
    };
  }

  /** Stores the change, then applies a new time zone to the machine when the daemon manages it. */
  async update(patch: SettingsUpdateRequest): Promise<SettingsUpdateReply> {
    await this.deps.store.write(patch);
    const host = await applyToMachine(this.deps.machine, { timezone: patch.timezone });
    return { settings: await this.current({ withEmail: true }), host };
  }
}
