import { describe, expect, it } from 'vitest';
import {
  fieldOfServer,
  initialForm,
  passwordStrength,
  problemsOf,
  stepOf,
  timeZoneOptions,
  toSetupRequest,
  type SetupForm,
} from './setup-wizard-state.js';

const host = { hostname: 'debian', timezone: 'Etc/UTC', manageHost: false, appDataRoot: '/srv/appdata' };
const filled = (patch: Partial<SetupForm> = {}): SetupForm => ({
  ...initialForm(host),
  setupCode: 'K7QZ-2M9D-XW4T',
  username: 'admin',
  password: 'correct horse battery',
  confirm: 'correct horse battery',
  ...patch,
});

describe('the first-boot wizard form', () => {
  it('starts from what the daemon says about the machine', () => {
    expect(initialForm(host)).toMatchObject({
      hostname: 'debian',
      timezone: 'Etc/UTC',
      appDataRoot: '/srv/appdata',
      tlsMode: 'none',
    });
  });

  it('has no problem once filled in, and asks for what is empty in plain words', () => {
    expect(problemsOf(filled(), host)).toEqual({});
    expect(problemsOf(initialForm(host), host)).toEqual({
      setupCode: 'Enter the setup code.',
      username: 'Enter a username.',
      password: 'Enter a password.',
      confirm: 'Type the password again.',
    });
  });

  it("says what is wrong in the contract's words, as sentences", () => {
    expect(problemsOf(filled({ confirm: 'something else' }), host)).toEqual({
      confirm: 'The two passwords differ.',
    });
    expect(problemsOf(filled({ appDataRoot: 'srv/apps' }), host)).toEqual({
      appDataRoot: 'The app-data folder is an absolute path: it starts with /.',
    });
    expect(problemsOf(filled({ password: 'short', confirm: 'short' }), host).password).toBe(
      'A password has at least 8 characters.',
    );
  });

  it('checks the hostname only when the daemon may change it', () => {
    expect(problemsOf(filled({ hostname: '-bad' }), host)).toEqual({});
    expect(problemsOf(filled({ hostname: '-bad' }), { manageHost: true }).hostname).toMatch(/hyphens/);
  });

  it("needs a domain and an email for Let's Encrypt only", () => {
    expect(problemsOf(filled({ tlsMode: 'acme' }), host)).toEqual({
      domain: "Let's Encrypt needs the public domain name that points at this machine.",
      email: "Let's Encrypt needs an email address for notices about the certificate.",
    });
    expect(problemsOf(filled({ tlsMode: 'acme', domain: 'nas', email: 'x' }), host)).toEqual({
      domain: 'The domain is a full name like panel.example.com.',
      email: 'The email is an address like you@example.com.',
    });
    expect(problemsOf(filled({ tlsMode: 'internal' }), host)).toEqual({});
    expect(problemsOf(filled({ tlsMode: 'none', domain: 'nas', email: 'x' }), host)).toEqual({});
  });

  it('sends the hostname only when it may and did change, and only what the HTTPS mode uses', () => {
    const typed = filled({
      hostname: 'nas',
      tlsMode: 'internal',
      domain: 'nas.home.arpa',
      email: 'a@b.example',
    });
    const unmanaged = toSetupRequest(typed, host);
    expect(unmanaged).not.toHaveProperty('hostname');
    expect(unmanaged.tls).toEqual({ mode: 'internal', domain: 'nas.home.arpa' });
    expect(toSetupRequest(typed, { ...host, manageHost: true })).toMatchObject({ hostname: 'nas' });
    expect(toSetupRequest(filled(), { ...host, manageHost: true })).not.toHaveProperty('hostname');
    expect(toSetupRequest(filled({ domain: 'x.example.com' }), host)).toMatchObject({
      timezone: 'Etc/UTC',
      appDataRoot: '/srv/appdata',
      tls: { mode: 'none' },
    });
  });

  it("finds the field and step of a server's answer", () => {
    expect(fieldOfServer('body.tls.domain')).toBe('domain');
    expect(fieldOfServer('body.tls.mode')).toBe('tlsMode');
    expect(fieldOfServer('body.appDataRoot')).toBe('appDataRoot');
    expect(fieldOfServer('body.somethingElse')).toBeNull();
    expect(fieldOfServer(undefined)).toBeNull();
    expect(stepOf('setupCode')).toBe(0);
    expect(stepOf('timezone')).toBe(1);
    expect(stepOf('confirm')).toBe(2);
    expect(stepOf('email')).toBe(4);
  });

  it('rates passwords by length first', () => {
    expect(passwordStrength('short').score).toBe(0);
    expect(passwordStrength('abcdefgh').score).toBe(1);
    expect(passwordStrength('abcdefghijkl').score).toBe(2);
    expect(passwordStrength('correct horse battery').score).toBe(3);
    expect(passwordStrength('Tr0ub4dor&3x').score).toBe(3);
  });

  it('offers every zone of the browser, with UTC and the current one always in it', () => {
    expect(timeZoneOptions('Etc/UTC', ['Europe/Berlin', 'America/New_York'])).toEqual([
      'America/New_York',
      'Etc/UTC',
      'Europe/Berlin',
      'UTC',
    ]);
  });
});
