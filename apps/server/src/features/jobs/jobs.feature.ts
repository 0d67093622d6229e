import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { registerJobRoutes } from './jobs.routes.js';

/** Jobs: the persisted long operations; resumed at start (after the hosts connect), stopped first on shutdown. */
export function createJobsFeature(core: Pick<Core, 'jobs'>): Feature {
  return {
    name: 'jobs',
    routes: (app) => registerJobRoutes(app, core),
    start: async () => {
      await core.jobs.recover();
    },
    stop: () => core.jobs.stop(),
  };
}
