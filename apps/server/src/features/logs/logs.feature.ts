import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { registerLogRoutes } from './logs.routes.js';

/** Container logs: history and live streams. */
export function createLogsFeature(core: Pick<Core, 'hosts'>): Feature {
  return { name: 'logs', routes: (app) => registerLogRoutes(app, core) };
}
