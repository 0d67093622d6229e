import { describe, expect, it } from 'vitest';
import type { Settings } from '@harbourmaster/contracts';
import { formOfSettings, settingsChange } from './settings-form.js';

const stored: Settings = {
  hostname: 'nas',
  manageHost: false,
  appDataRoot: '/srv/appdata',
  timezone: 'Europe/Berlin',
  tls: { mode: 'acme', domain: 'panel.example.com', email: 'ops@example.com' },
};

describe('the Admin page settings form', () => {
  it('starts from the stored settings', () => {
    expect(formOfSettings(stored)).toEqual({
      timezone: 'Europe/Berlin',
      appDataRoot: '/srv/appdata',
      tlsMode: 'acme',
      domain: 'panel.example.com',
      email: 'ops@example.com',
    });
    expect(formOfSettings({ ...stored, tls: { mode: 'none' } })).toMatchObject({ domain: '', email: '' });
  });

  it('sends nothing when nothing changed, also when a value was retyped the way it is stored', () => {
    expect(settingsChange(formOfSettings(stored), stored)).toBeNull();
    const retyped = { ...formOfSettings(stored), appDataRoot: '/srv//appdata/', domain: 'Panel.Example.com' };
    expect(settingsChange(retyped, stored)).toBeNull();
  });

  it('sends only what changed: the time zone is not sent again when it stayed', () => {
    expect(settingsChange({ ...formOfSettings(stored), appDataRoot: '/data/apps' }, stored)).toEqual({
      appDataRoot: '/data/apps',
    });
    expect(settingsChange({ ...formOfSettings(stored), timezone: 'UTC' }, stored)).toEqual({
      timezone: 'UTC',
    });
  });

  it('sends the HTTPS choice with only what its mode uses', () => {
    expect(settingsChange({ ...formOfSettings(stored), tlsMode: 'none' }, stored)).toEqual({
      tls: { mode: 'none' },
    });
    expect(settingsChange({ ...formOfSettings(stored), tlsMode: 'internal' }, stored)).toEqual({
      tls: { mode: 'internal', domain: 'panel.example.com' },
    });
    expect(settingsChange({ ...formOfSettings(stored), email: 'me@example.com' }, stored)).toEqual({
      tls: { mode: 'acme', domain: 'panel.example.com', email: 'me@example.com' },
    });
  });
});
