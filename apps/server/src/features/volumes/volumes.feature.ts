import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { VolumeService } from './volume.service.js';
import { registerVolumeRoutes } from './volumes.routes.js';

/** Volumes: list, create (drivers checked against the engine's), remove and prune. */
export function createVolumesFeature(core: Pick<Core, 'hosts' | 'audit'>): Feature {
  const volumes = new VolumeService(core.hosts);
  return { name: 'volumes', routes: (app) => registerVolumeRoutes(app, { volumes, audit: core.audit }) };
}
