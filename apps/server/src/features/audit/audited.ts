import type { FastifyRequest } from 'fastify';
import type { AuditLog } from './audit.service.js';
import { auditActor } from './audit-actor.js';

export interface AuditTarget {
  action: string;
  hostId?: string | null;
  target?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Runs a mutation and records its outcome, ok or error, in the audit log; the error is rethrown
 * for the error boundary to answer.
 */
export async function audited<T>(
  audit: AuditLog,
  req: FastifyRequest,
  what: AuditTarget,
  run: () => Promise<T>,
): Promise<T> {
  const actor = auditActor(req);
  try {
    const result = await run();
    await audit.record({ actor, ...what, result: 'ok' });
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await audit.record({ actor, ...what, result: 'error', detail: { ...what.detail, error: message } });
    throw err;
  }
}
