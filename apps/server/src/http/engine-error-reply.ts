import type { ErrorReply } from '@harbourmaster/contracts';
import type { EngineError } from '@harbourmaster/engine';

// Engines answer some client mistakes with 500 (Docker 20.10: unpausing a running container). Their
// messages are stable across versions; these say the request does not fit the object's state.
const STATE_CONFLICT = [
  /is not paused/i,
  /is already paused/i,
  /is not running/i,
  /is already (running|stopped|in progress)/i,
  /is (paused|restarting|being removed|dead)/i,
  /removal of container .* is already in progress/i,
];

/**
 * What an engine's error answer becomes for our client: its 400, 404 and 409 keep their status and
 * message; 304 ("already in that state"), its 403 ("network has active endpoints") and 500s that
 * describe a state conflict are 409; only other answers are 502, the engine's own failure.
 * @example
 * engineErrorReply(new EngineError(500, 'Container abc is not paused'));
 * // { status: 409, reply: { error: 'conflict', message: 'Container abc is not paused' } }
 */
export function engineErrorReply(err: EngineError): { status: number; reply: ErrorReply } {
  const status = statusFor(err);
  const code =
    status === 404
      ? 'not_found'
      : status === 409
        ? 'conflict'
        : status === 400
          ? 'validation'
          : 'engine_error';
  return { status, reply: { error: code, message: err.message } };
}

function statusFor(err: EngineError): number {
  const engineStatus = err.statusCode;
  if (engineStatus === 400 || engineStatus === 404 || engineStatus === 409) return engineStatus;
  if (engineStatus === 304 || engineStatus === 403) return 409;
  if (engineStatus === 500 && STATE_CONFLICT.some((re) => re.test(err.message))) return 409;
  return 502;
}
