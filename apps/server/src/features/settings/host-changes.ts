import type { HostChanges } from '@harbourmaster/contracts';
import type { HostMachine } from '../../adapters/host/host-machine.js';

/** What to change on the machine: values already validated by the contract schemas. */
export interface HostWish {
  hostname?: string | undefined;
  timezone?: string | undefined;
}

/**
 * Applies a hostname and time zone to the machine when the daemon manages it; nothing otherwise.
 * A refusal by the machine does not undo what was stored: it is reported, field by field, for the
 * person to fix on the machine, and the rest still goes ahead.
 */
export async function applyToMachine(
  machine: Pick<HostMachine, 'managed' | 'hostname' | 'setHostname' | 'setTimezone'>,
  wish: HostWish,
): Promise<HostChanges> {
  const changes: HostChanges = { applied: [], failed: [] };
  if (!machine.managed) return changes;
  const attempt = async (field: 'hostname' | 'timezone', change: () => Promise<void>) => {
    try {
      await change();
      changes.applied.push(field);
    } catch (err) {
      changes.failed.push({ field, message: err instanceof Error ? err.message : String(err) });
    }
  };
  const { hostname, timezone } = wish;
  if (hostname !== undefined && hostname !== machine.hostname().toLowerCase())
    await attempt('hostname', () => machine.setHostname(hostname));
  if (timezone !== undefined) await attempt('timezone', () => machine.setTimezone(timezone));
  return changes;
}

/** Whether a hostname in a request asks for a change this daemon may not make. */
export function isUnmanagedRename(
  machine: Pick<HostMachine, 'managed' | 'hostname'>,
  hostname?: string,
): boolean {
  return hostname !== undefined && !machine.managed && hostname !== machine.hostname().toLowerCase();
}
