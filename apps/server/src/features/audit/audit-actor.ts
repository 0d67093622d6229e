import type { FastifyRequest } from 'fastify';
import type { AuditActor } from './audit.service.js';

/** The audit actor for a request: its principal, or anonymous. */
export function auditActor(req: FastifyRequest): AuditActor {
  const p = req.principal;
  if (!p) return { name: 'anonymous', id: null, via: 'anonymous', ip: req.ip };
  return { name: p.name, id: p.userId, via: p.via, ip: req.ip };
}
