import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { registerLiveRoutes } from './live.routes.js';

/** The one WebSocket of live state; its clients are told "going away" (1001) first on shutdown. */
export function createLiveFeature(core: Pick<Core, 'live'>): Feature {
  return { name: 'live', routes: (app) => registerLiveRoutes(app, core), drain: () => core.live.close() };
}
