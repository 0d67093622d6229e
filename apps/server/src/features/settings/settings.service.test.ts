import { describe, expect, it } from 'vitest';
import { SettingsService } from './settings.service.js';
import type { StoredSettings } from './settings-store.js';

function service(stored: StoredSettings, managed = false) {
  const calls: string[] = [];
  let data = { ...stored };
  const s = new SettingsService({
    store: {
      read: () => Promise.resolve(data),
      write: (patch) => {
        data = { ...data, ...patch };
        return Promise.resolve();
      },
    },
    machine: {
      managed,
      hostname: () => 'debian',
      timezone: () => 'Etc/UTC',
      setHostname: (n) => {
        calls.push(`hostname ${n}`);
        return Promise.resolve();
      },
      setTimezone: (z) => {
        calls.push(`timezone ${z}`);
        return Promise.resolve();
      },
    },
  });
  return { s, calls };
}

describe('SettingsService', () => {
  it("answers defaults for what nobody chose: /srv/appdata, the machine's zone, no TLS", async () => {
    expect(await service({}).s.current({ withEmail: true })).toEqual({
      hostname: 'debian',
      manageHost: false,
      appDataRoot: '/srv/appdata',
      timezone: 'Etc/UTC',
      tls: { mode: 'none' },
    });
  });

  it('shows the TLS email only when asked to (admins)', async () => {
    const { s } = service({ tls: { mode: 'acme', domain: 'a.example.com', email: 'me@example.com' } });
    expect((await s.current({ withEmail: false })).tls).toEqual({ mode: 'acme', domain: 'a.example.com' });
    expect((await s.current({ withEmail: true })).tls.email).toBe('me@example.com');
  });

  it('applies a new time zone to the machine only when it manages it', async () => {
    const unmanaged = service({});
    expect(await unmanaged.s.update({ timezone: 'Europe/Berlin' })).toMatchObject({
      settings: { timezone: 'Europe/Berlin' },
      host: { applied: [], failed: [] },
    });
    expect(unmanaged.calls).toEqual([]);
    const managed = service({}, true);
    expect((await managed.s.update({ timezone: 'Europe/Berlin' })).host.applied).toEqual(['timezone']);
    expect(await managed.s.update({ appDataRoot: '/data' })).toMatchObject({ host: { applied: [] } });
    expect(managed.calls).toEqual(['timezone Europe/Berlin']);
  });
});
