import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  settingsReplySchema,
  settingsUpdateBodySchema,
  settingsUpdateReplySchema,
  setupHostReplySchema,
} from '@harbourmaster/contracts';
import type { AuditLog } from '../audit/audit.service.js';
import { auditActor } from '../audit/audit-actor.js';
import { notFound } from '../../http/http-errors.js';
import { principalOf } from '../../http/principal.js';
import type { HostMachine } from '../../adapters/host/host-machine.js';
import type { SettingsService } from './settings.service.js';

export interface SettingsRoutesDeps {
  settings: Pick<SettingsService, 'current' | 'update'>;
  machine: Pick<HostMachine, 'managed' | 'hostname'>;
  audit: Pick<AuditLog, 'begin' | 'finish'>;
  /** Whether the first admin exists: the machine is shown to anyone only before that. */
  setupDone: () => Promise<boolean>;
}

export function registerSettingsRoutes(app: FastifyInstance, deps: SettingsRoutesDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { settings, machine, audit, setupDone } = deps;

  r.get(
    '/api/settings',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['settings'],
        summary:
          "The panel's settings: app-data root, time zone and HTTPS choice (the TLS email to admins only)",
        response: { 200: settingsReplySchema },
      },
    },
    (req) => settings.current({ withEmail: principalOf(req).role === 'admin' }),
  );

  r.put(
    '/api/settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['settings'],
        summary:
          'Change settings; a new time zone is also applied to the machine when the daemon manages it (HM_MANAGE_HOST)',
        body: settingsUpdateBodySchema,
        response: { 200: settingsUpdateReplySchema },
      },
    },
    async (req) => {
      const { email: _email, ...tls } = req.body.tls ?? {};
      const detail = {
        ...(req.body.appDataRoot !== undefined && { appDataRoot: req.body.appDataRoot }),
        ...(req.body.timezone !== undefined && { timezone: req.body.timezone }),
        // The email is personal, and not needed to tell what changed.
        ...(req.body.tls !== undefined && { tls }),
      };
      // Not `audited`: its result carries no detail, and what the machine did with the time zone belongs there.
      const id = await audit.begin({
        actor: auditActor(req),
        action: 'settings.update',
        target: Object.keys(detail).join(','),
        detail,
      });
      try {
        const result = await settings.update(req.body);
        await audit.finish(id, 'ok', { ...detail, host: result.host });
        return result;
      } catch (err) {
        await audit.finish(id, 'error', {
          ...detail,
          error: err instanceof Error ? err.message : String(err),
        });
        throw err;
      }
    },
  );

  r.get(
    '/api/setup/host',
    {
      config: { access: 'public' },
      schema: {
        tags: ['settings'],
        summary:
          'For the first-boot wizard, only until the first admin exists: the hostname, the time zone, whether the daemon may change them, the default app-data root',
        response: { 200: setupHostReplySchema },
      },
    },
    async () => {
      // Afterwards the machine's name is nobody's business but a signed-in user's.
      if (await setupDone()) throw notFound('setup is done; sign in to see the settings');
      const current = await settings.current({ withEmail: false });
      return {
        hostname: machine.hostname(),
        timezone: current.timezone,
        manageHost: machine.managed,
        appDataRoot: current.appDataRoot,
      };
    },
  );
}
