import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { NetworkService } from './network.service.js';
import { registerNetworkRoutes } from './networks.routes.js';

/** Networks: list, create (drivers checked against the engine's), remove and prune. */
export function createNetworksFeature(core: Pick<Core, 'hosts' | 'audit'>): Feature {
  const networks = new NetworkService(core.hosts);
  return { name: 'networks', routes: (app) => registerNetworkRoutes(app, { networks, audit: core.audit }) };
}
