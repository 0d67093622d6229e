import type { FastifyRequest } from 'fastify';
import type { AuditLog, AuditResume } from './audit.service.js';
import { auditActor } from './audit-actor.js';

export interface AuditTarget {
  action: string;
  hostId?: string | null;
  target?: string | null;
  detail?: Record<string, unknown>;
  /** What the start-up reconcile needs to finish the change if the daemon dies during it. */
  resume?: AuditResume;
}

/** Handed to an audited change, to note facts learnt on the way (e.g. the id of what it created). */
export interface IntentProgress {
  note(facts: AuditResume): Promise<void>;
}

/**
 * Runs a mutation between an intent and its result in the audit log: the intent is written
 * (`pending`) before anything is done, and updated to ok or error after; the error is rethrown for
 * the error boundary to answer. If the intent cannot be written, nothing is done.
 */
export async function audited<T>(
  audit: AuditLog,
  req: FastifyRequest,
  what: AuditTarget,
  run: (progress: IntentProgress) => Promise<T>,
): Promise<T> {
  const id = await audit.begin({ actor: auditActor(req), ...what });
  let result: T;
  try {
    result = await run({ note: (facts) => audit.note(id, facts) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await audit.finish(id, 'error', { ...what.detail, error: message });
    throw err;
  }
  await audit.finish(id, 'ok');
  return result;
}
