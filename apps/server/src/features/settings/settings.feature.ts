import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { createHostMachine } from '../../adapters/host/host-machine.js';
import { registerSettingsRoutes } from './settings.routes.js';
import { SettingsService } from './settings.service.js';
import { SettingsStore } from './settings-store.js';

/**
 * The panel's settings (app-data root, time zone, HTTPS choice) and, before the first admin exists,
 * what the first-boot wizard shows about the machine.
 */
export function createSettingsFeature(core: Pick<Core, 'config' | 'db' | 'audit'>): Feature {
  const machine = createHostMachine({ managed: core.config.manageHost });
  const settings = new SettingsService({ store: new SettingsStore(core.db), machine });
  const setupDone = async () => {
    const row = await core.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  };
  return {
    name: 'settings',
    routes: (app) => registerSettingsRoutes(app, { settings, machine, audit: core.audit, setupDone }),
  };
}
