import type { AlertInput } from '@harbourmaster/contracts';

/**
 * A host's reachability change as an alert: unreachable fires (critical), reachable resolves it
 * (the hub drops a resolve when nothing was firing, so a normal start sends nothing).
 */
export function hostStatusAlert(hostId: string, reachable: boolean, error: string | null): AlertInput {
  return {
    source: 'host',
    key: `host.unreachable:${hostId}`,
    kind: reachable ? 'host.reachable' : 'host.unreachable',
    severity: reachable ? 'info' : 'critical',
    status: reachable ? 'resolved' : 'firing',
    title: reachable ? `host ${hostId} is reachable again` : `host ${hostId} is unreachable`,
    message: reachable
      ? `The Docker engine of ${hostId} answers again.`
      : `The Docker engine of ${hostId} does not answer${error ? `: ${error}` : ''}.`,
    hostId,
    container: null,
    stack: null,
    labels: {},
    detail: error ? { reason: error } : {},
  };
}
