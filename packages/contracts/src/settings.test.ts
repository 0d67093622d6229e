import { describe, expect, it } from 'vitest';
import { appDataRootSchema, hostnameSchema, timezoneSchema, tlsSettingsSchema } from './settings.js';

const message = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  r.error?.issues[0]?.message;

describe('appDataRootSchema', () => {
  it('normalises an absolute path', () => {
    expect(appDataRootSchema.parse('/srv/appdata')).toBe('/srv/appdata');
    expect(appDataRootSchema.parse(' /srv//apps/./data/ ')).toBe('/srv/apps/data');
  });

  it('refuses relative paths, steps up, / itself and control characters, in plain words', () => {
    expect(message(appDataRootSchema.safeParse('srv/appdata'))).toMatch(/absolute path/);
    expect(message(appDataRootSchema.safeParse('/srv/../etc'))).toMatch(/\.\./);
    expect(message(appDataRootSchema.safeParse('//./'))).toMatch(/not \/ itself/);
    expect(message(appDataRootSchema.safeParse('/srv/a\nb'))).toMatch(/control characters/);
    expect(message(appDataRootSchema.safeParse(''))).toMatch(/enter a folder/);
  });
});

describe('timezoneSchema', () => {
  it('takes IANA zones and UTC, in their canonical spelling', () => {
    expect(timezoneSchema.parse('Europe/Berlin')).toBe('Europe/Berlin');
    expect(timezoneSchema.parse('america/new_york')).toBe('America/New_York');
    expect(timezoneSchema.parse('UTC')).toBe('UTC');
  });

  it('refuses what is not a zone, and anything shaped like an option', () => {
    expect(message(timezoneSchema.safeParse('Mars/Olympus_Mons'))).toMatch(/not a time zone we know/);
    expect(message(timezoneSchema.safeParse('--help'))).toMatch(/looks like Europe\/Berlin/);
    expect(message(timezoneSchema.safeParse('Europe/../Berlin'))).toMatch(/looks like/);
  });
});

describe('hostnameSchema', () => {
  it('takes DNS labels with dots, lower-cased', () => {
    expect(hostnameSchema.parse('NAS-1.home')).toBe('nas-1.home');
  });

  it('refuses labels starting with a hyphen, empty labels, and more than 64 characters', () => {
    expect(hostnameSchema.safeParse('-rf').success).toBe(false);
    expect(hostnameSchema.safeParse('nas..home').success).toBe(false);
    expect(hostnameSchema.safeParse('my host').success).toBe(false);
    expect(message(hostnameSchema.safeParse('a'.repeat(65)))).toMatch(/at most 64/);
  });
});

describe('tlsSettingsSchema', () => {
  it("needs a domain and an email for Let's Encrypt, each named", () => {
    const r = tlsSettingsSchema.safeParse({ mode: 'acme' });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['domain', "Let's Encrypt needs the public domain name that points at this machine"],
      ['email', "Let's Encrypt needs an email address for notices about the certificate"],
    ]);
    expect(tlsSettingsSchema.safeParse({ mode: 'acme', domain: 'localhost', email: 'a@b.co' }).success).toBe(
      false,
    );
  });

  it('keeps only what the mode uses', () => {
    expect(
      tlsSettingsSchema.parse({ mode: 'none', domain: 'a.example.com', email: 'a@example.com' }),
    ).toEqual({
      mode: 'none',
    });
    expect(
      tlsSettingsSchema.parse({ mode: 'internal', domain: 'NAS.home.arpa', email: 'a@example.com' }),
    ).toEqual({ mode: 'internal', domain: 'nas.home.arpa' });
    expect(
      tlsSettingsSchema.parse({ mode: 'acme', domain: 'a.example.com', email: 'a@example.com' }),
    ).toEqual({
      mode: 'acme',
      domain: 'a.example.com',
      email: 'a@example.com',
    });
  });

  it('names the choices when the mode is wrong', () => {
    expect(message(tlsSettingsSchema.safeParse({ mode: 'ssl' }))).toMatch(/none, internal .* or acme/);
  });
});
