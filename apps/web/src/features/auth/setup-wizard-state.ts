import type { z } from 'zod';
import {
  acmeEmailSchema,
  appDataRootSchema,
  domainSchema,
  hostnameSchema,
  passwordSchema,
  setupCodeSchema,
  timezoneSchema,
  tlsSettingsSchema,
  usernameSchema,
  type SetupHostReply,
  type setupBodySchema,
  type TlsMode,
} from '@harbourmaster/contracts';

/** The first-boot wizard's steps, in order. */
export const STEPS = [
  { id: 'code', title: 'Setup code' },
  { id: 'machine', title: 'This machine' },
  { id: 'admin', title: 'Admin account' },
  { id: 'apps', title: 'Apps' },
  { id: 'https', title: 'HTTPS' },
  { id: 'review', title: 'Review' },
] as const;
export type StepId = (typeof STEPS)[number]['id'];

/** The wizard's form; every field a string as typed, turned into the request at the end. */
export interface SetupForm {
  setupCode: string;
  hostname: string;
  timezone: string;
  username: string;
  password: string;
  confirm: string;
  appDataRoot: string;
  tlsMode: TlsMode;
  domain: string;
  email: string;
}
export type Field = keyof SetupForm;

/** The wizard's fields that stay settings after setup: the Admin page edits them with the same steps. */
export type SettingsForm = Pick<SetupForm, 'timezone' | 'appDataRoot' | 'tlsMode' | 'domain' | 'email'>;

export const STEP_FIELDS: Record<StepId, readonly Field[]> = {
  code: ['setupCode'],
  machine: ['hostname', 'timezone'],
  admin: ['username', 'password', 'confirm'],
  apps: ['appDataRoot'],
  https: ['tlsMode', 'domain', 'email'],
  review: [],
};

/** The form as it starts, from what the daemon says about the machine. */
export function initialForm(host: SetupHostReply): SetupForm {
  return {
    setupCode: '',
    hostname: host.hostname,
    timezone: host.timezone,
    username: '',
    password: '',
    confirm: '',
    appDataRoot: host.appDataRoot,
    tlsMode: 'none',
    domain: '',
    email: '',
  };
}

/** A schema message as a sentence: capital first letter, full stop at the end. */
const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

/** What an empty field asks for, in place of a schema's message about length. */
const EMPTY: Partial<Record<Field, string>> = {
  setupCode: 'Enter the setup code.',
  hostname: 'Enter a hostname.',
  timezone: 'Choose a time zone.',
  username: 'Enter a username.',
  password: 'Enter a password.',
  confirm: 'Type the password again.',
  appDataRoot: 'Enter a folder for app data, like /srv/appdata.',
};

function check(schema: z.ZodType, value: string, field: Field): string | undefined {
  if (value.trim() === '' && EMPTY[field]) return EMPTY[field];
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : sentence(parsed.error.issues[0]?.message ?? 'this is not valid');
}

/**
 * Every problem of the form now, in plain words, by field; the page shows a field's problem only
 * once the person acted on it. The rules are the contract's own schemas, so the server agrees.
 */
export function problemsOf(
  f: SetupForm,
  host: Pick<SetupHostReply, 'manageHost'>,
): Partial<Record<Field, string>> {
  const all: Partial<Record<Field, string | undefined>> = {
    setupCode: check(setupCodeSchema, f.setupCode, 'setupCode'),
    hostname: host.manageHost ? check(hostnameSchema, f.hostname, 'hostname') : undefined,
    username: check(usernameSchema, f.username, 'username'),
    password: check(passwordSchema, f.password, 'password'),
    confirm:
      f.confirm === '' ? EMPTY.confirm : f.confirm !== f.password ? 'The two passwords differ.' : undefined,
    ...settingsProblemsOf(f),
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}

/** The problems of the fields that stay settings after setup, by the same rules (the Admin page's too). */
export function settingsProblemsOf(f: SettingsForm): Partial<Record<keyof SettingsForm, string>> {
  // What the chosen mode requires, in the contract's words (a domain and an email for acme).
  const required = tlsSettingsSchema.safeParse({ mode: f.tlsMode }).error?.issues ?? [];
  const requiredProblem = (field: 'domain' | 'email') => {
    const issue = required.find((i) => i.path[0] === field);
    return issue && sentence(issue.message);
  };
  const all: Partial<Record<keyof SettingsForm, string | undefined>> = {
    timezone: check(timezoneSchema, f.timezone, 'timezone'),
    appDataRoot: check(appDataRootSchema, f.appDataRoot, 'appDataRoot'),
    // Only the fields the chosen mode shows count: a domain typed before going back to "none" does not.
    domain:
      f.tlsMode === 'none'
        ? undefined
        : f.domain.trim()
          ? check(domainSchema, f.domain, 'domain')
          : requiredProblem('domain'),
    email:
      f.tlsMode !== 'acme'
        ? undefined
        : f.email.trim()
          ? check(acmeEmailSchema, f.email.trim(), 'email')
          : requiredProblem('email'),
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}

/** The setup request: the hostname only when the daemon may change it and it changed. */
export function toSetupRequest(f: SetupForm, host: SetupHostReply): z.input<typeof setupBodySchema> {
  const hostname = f.hostname.trim();
  return {
    setupCode: f.setupCode,
    username: f.username,
    password: f.password,
    ...(host.manageHost && hostname.toLowerCase() !== host.hostname.toLowerCase() && { hostname }),
    timezone: f.timezone,
    appDataRoot: f.appDataRoot,
    tls: {
      mode: f.tlsMode,
      ...(f.tlsMode !== 'none' && f.domain.trim() && { domain: f.domain.trim() }),
      ...(f.tlsMode === 'acme' && { email: f.email.trim() }),
    },
  };
}

/** The wizard field a server's `field` (e.g. `body.tls.domain`) is about, if any. */
export function fieldOfServer(field: string | undefined): Field | null {
  const path = field?.replace(/^body\./, '');
  if (path === 'tls.domain') return 'domain';
  if (path === 'tls.email') return 'email';
  if (path?.startsWith('tls')) return 'tlsMode';
  const known: readonly string[] = Object.values(STEP_FIELDS).flat();
  return path && known.includes(path) ? (path as Field) : null;
}

/** The step a field is on. */
export function stepOf(field: Field): number {
  return STEPS.findIndex((s) => STEP_FIELDS[s.id].includes(field));
}

export type Strength = { score: 0 | 1 | 2 | 3; label: string };

/**
 * A rough strength for the hint under the password: length counts most, a mix of kinds of
 * characters a little. Only a hint: the rule is the contract's (at least 8 characters).
 */
export function passwordStrength(pw: string): Strength {
  if (pw.length < 8) return { score: 0, label: 'Too short: at least 8 characters.' };
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  const points = (pw.length >= 12 ? 1 : 0) + (pw.length >= 16 ? 1 : 0) + (kinds >= 3 ? 1 : 0);
  if (points >= 2) return { score: 3, label: 'Strong.' };
  if (points === 1) return { score: 2, label: 'Fair: a longer password or a phrase would be stronger.' };
  return { score: 1, label: 'Weak: use 12 characters or more, or a phrase of several words.' };
}

/** A time zone list for the select: the browser's zones, with the current choice and UTC always in it. */
export function timeZoneOptions(current: string, supported: readonly string[]): string[] {
  const zones = new Set(supported);
  zones.add('UTC');
  if (current) zones.add(current);
  return [...zones].sort((a, b) => a.localeCompare(b));
}
