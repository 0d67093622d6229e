import { request, type IncomingMessage } from 'node:http';
import { testDockerHost } from './test-server.js';

/**
 * Follows the test engine's own event stream with `filters` and calls `onEvent` for each event the
 * moment the engine reports it; resolves (with a function that stops following) once the engine
 * has accepted the subscription, so nothing is missed.
 */
export function onEngineEvent(filters: Record<string, string[]>, onEvent: () => void): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath: testDockerHost().replace(/^unix:\/\//, ''),
        path: `/v1.41/events?filters=${encodeURIComponent(JSON.stringify(filters))}`,
      },
      (res: IncomingMessage) => {
        res.on('data', () => onEvent());
        resolve(() => req.destroy());
      },
    );
    req.on('error', reject);
    req.end();
  });
}
