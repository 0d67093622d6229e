import type { z } from 'zod';
import {
  appDataRootSchema,
  timezoneSchema,
  type Settings,
  type settingsUpdateBodySchema,
} from '@harbourmaster/contracts';
import type { SettingsForm } from '../auth/setup-wizard-state.js';

type SettingsChange = z.input<typeof settingsUpdateBodySchema>;

/** The form as it starts: the stored settings, every field a string as the wizard's steps expect. */
export function formOfSettings(s: Settings): SettingsForm {
  return {
    timezone: s.timezone,
    appDataRoot: s.appDataRoot,
    tlsMode: s.tls.mode,
    domain: s.tls.domain ?? '',
    email: s.tls.email ?? '',
  };
}

/** How the server would store a value (`/srv//apps/` is `/srv/apps`), to tell a real change from a retyped one. */
const normal = <T>(schema: z.ZodType<T>, value: string) => schema.safeParse(value).data ?? value;

/**
 * Only what changed, as the PUT body; null when nothing did. A time zone that did not change is not
 * sent, so a managed machine is not told to set the zone it has.
 */
export function settingsChange(f: SettingsForm, stored: Settings): SettingsChange | null {
  const tls = {
    mode: f.tlsMode,
    ...(f.tlsMode !== 'none' && f.domain.trim() && { domain: f.domain.trim().toLowerCase() }),
    ...(f.tlsMode === 'acme' && { email: f.email.trim() }),
  };
  const tlsChanged =
    tls.mode !== stored.tls.mode ||
    (tls.domain ?? '') !== (stored.tls.domain ?? '') ||
    (tls.email ?? '') !== (stored.tls.email ?? '');
  const change: SettingsChange = {
    ...(normal(appDataRootSchema, f.appDataRoot) !== stored.appDataRoot && { appDataRoot: f.appDataRoot }),
    ...(normal(timezoneSchema, f.timezone) !== stored.timezone && { timezone: f.timezone }),
    ...(tlsChanged && { tls }),
  };
  return Object.keys(change).length > 0 ? change : null;
}
