import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createHostMachine, HostNotManagedError } from './host-machine.js';
import type { CommandRunner } from './command-runner.js';

/** A runner that records every argv instead of running anything: these tools change the real machine. */
function recorder(fail?: string) {
  const calls: Array<[string, ...string[]]> = [];
  const run: CommandRunner = (file, args) => {
    calls.push([file, ...args]);
    return fail ? Promise.reject(new Error(fail)) : Promise.resolve();
  };
  return { calls, run };
}

describe('createHostMachine', () => {
  it('sets the hostname with hostnamectl, the name after -- so it is never an option', async () => {
    const { calls, run } = recorder();
    await createHostMachine({ managed: true, run }).setHostname('nas.home');
    expect(calls).toEqual([['hostnamectl', 'set-hostname', '--', 'nas.home']]);
  });

  it('sets the time zone with timedatectl, the zone after --', async () => {
    const { calls, run } = recorder();
    await createHostMachine({ managed: true, run }).setTimezone('Europe/Berlin');
    expect(calls).toEqual([['timedatectl', 'set-timezone', '--', 'Europe/Berlin']]);
  });

  it('runs nothing when it does not manage the machine', async () => {
    const { calls, run } = recorder();
    const machine = createHostMachine({ managed: false, run });
    expect(machine.managed).toBe(false);
    await expect(machine.setHostname('nas')).rejects.toBeInstanceOf(HostNotManagedError);
    await expect(machine.setTimezone('UTC')).rejects.toBeInstanceOf(HostNotManagedError);
    expect(calls).toEqual([]);
  });

  it("passes the tool's failure on", async () => {
    const { run } = recorder('timedatectl failed: Invalid or not installed time zone');
    await expect(createHostMachine({ managed: true, run }).setTimezone('Mars/Base')).rejects.toThrow(
      /not installed time zone/,
    );
  });

  it("reads the machine's hostname and the process's time zone", () => {
    const machine = createHostMachine({ managed: false });
    expect(machine.hostname()).toBe(hostname());
    expect(machine.timezone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
