import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { ContainerService } from './container.service.js';
import { ContainerCreateService } from './container-create.service.js';
import { registerContainerRoutes } from './containers.routes.js';

export interface ContainersFeature extends Feature {
  /** Container reads and actions, for features that show or act on containers (icons, say). */
  containers: ContainerService;
}

/** Containers: the list from memory, inspect, lifecycle, bulk actions, tags and the create wizard. */
export function createContainersFeature(
  core: Pick<Core, 'hosts' | 'inventory' | 'tags' | 'icons' | 'audit' | 'pathExists' | 'bus'>,
): ContainersFeature {
  const containers = new ContainerService(
    core.hosts,
    core.inventory,
    core.tags,
    core.icons,
    Date.now,
    (hostId, container, action) => core.bus.emit('container.intent', { hostId, container, action }),
  );
  const creator = new ContainerCreateService({
    hosts: core.hosts,
    tags: core.tags,
    pathExists: core.pathExists,
  });
  return {
    name: 'containers',
    containers,
    routes: (app) =>
      registerContainerRoutes(app, { containers, creator, tags: core.tags, audit: core.audit }),
    intents: { 'container.create': (intent) => creator.finishInterrupted(intent) },
  };
}
