import type { z } from 'zod';
import type {
  Settings,
  SettingsUpdateReply,
  SetupHostReply,
  settingsUpdateBodySchema,
} from '@harbourmaster/contracts';
import type { createRequester } from './request.js';

type Requester = ReturnType<typeof createRequester>;

/** The panel's settings, and what the first-boot wizard shows about the machine. */
export function settingsCalls({ request }: Requester) {
  return {
    /** App-data root, time zone and HTTPS choice (any signed-in user; the TLS email to admins only). */
    settings: () => request<Settings>('GET', '/api/settings'),
    /** Changes settings (admin); `host` says what the machine did with a new time zone. */
    updateSettings: (body: z.input<typeof settingsUpdateBodySchema>) =>
      request<SettingsUpdateReply>('PUT', '/api/settings', body),
    /** The hostname and time zone, for the first-boot wizard: only until the first admin exists. */
    setupHost: () => request<SetupHostReply>('GET', '/api/setup/host'),
  };
}
