import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { ImageService } from './image.service.js';
import { registerImageRoutes } from './images.routes.js';
import { pullJob } from './pull-job.js';

/** Images: list, pull (a persisted job with per-layer progress), remove and prune. */
export function createImagesFeature(core: Pick<Core, 'hosts' | 'jobs' | 'audit'>): Feature {
  const images = new ImageService(core.hosts);
  core.jobs.register(pullJob(core.hosts));
  return {
    name: 'images',
    routes: (app) =>
      registerImageRoutes(app, { images, hosts: core.hosts, jobs: core.jobs, audit: core.audit }),
  };
}
