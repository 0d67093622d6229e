import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { registerExecRoutes } from './exec.routes.js';

/** The terminal: `docker exec` sessions over a WebSocket. */
export function createExecFeature(core: Pick<Core, 'hosts' | 'audit'>): Feature {
  return { name: 'exec', routes: (app) => registerExecRoutes(app, core) };
}
