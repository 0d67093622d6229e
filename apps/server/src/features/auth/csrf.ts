import { HttpError } from '../../http/http-errors.js';
import { secretsEqual } from './secret-token.js';

export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Methods that change state, and so need proof that the request came from our own page. */
export function isMutating(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Throws a 403 unless the request carries the session's CSRF token. A cookie rides along with a
 * forged cross-site request; a header value read from our API does not.
 */
export function assertCsrf(sent: string | string[] | undefined, expected: string): void {
  if (typeof sent !== 'string' || sent === '' || !secretsEqual(sent, expected)) {
    throw new HttpError(
      403,
      'csrf',
      `missing or wrong ${CSRF_HEADER} header; read the token from GET /api/auth/me`,
    );
  }
}
