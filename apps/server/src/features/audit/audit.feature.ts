import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { AuditReconciler, type IntentFinisher } from './audit-reconciler.js';
import { registerAuditRoutes } from './audit.routes.js';

/**
 * The audit log's routes, and at start the reconcile of intents a crash interrupted, finished by
 * the features that know them (`Feature.intents`).
 */
export function createAuditFeature(
  core: Pick<Core, 'audit' | 'bus' | 'logger'>,
  finishers: Readonly<Record<string, IntentFinisher>>,
): Feature {
  const reconciler = new AuditReconciler(core.audit, core.bus, core.logger, finishers);
  return {
    name: 'audit',
    routes: (app) => registerAuditRoutes(app, core),
    start: () => reconciler.start(),
    stop: () => reconciler.stop(),
  };
}
