import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { registerHostRoutes } from './hosts.routes.js';

/** Hosts: connects every host at start (the container inventory first, so it sees each connection), health and host tags. */
export function createHostsFeature(core: Core): Feature {
  return {
    name: 'hosts',
    routes: (app) => registerHostRoutes(app, core),
    async start() {
      core.inventory.start();
      await core.hosts.start(core.config.dockerHost);
    },
    async stop() {
      core.inventory.stop();
      await core.hosts.stop();
    },
  };
}
