import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import type { ContainerService } from '../containers/container.service.js';
import { registerIconRoutes } from './icons.routes.js';

/** Container icons: a URL or an uploaded image, kept by container name. */
export function createIconsFeature(
  core: Pick<Core, 'icons' | 'audit'>,
  containers: ContainerService,
): Feature {
  return {
    name: 'icons',
    routes: (app) => registerIconRoutes(app, { icons: core.icons, containers, audit: core.audit }),
  };
}
