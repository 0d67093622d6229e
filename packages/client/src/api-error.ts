/**
 * An API call that did not succeed: `status` is 0 when the daemon could not be reached, `field` names
 * the input to fix when the server said which, `retryAfterSeconds` comes from a 429 (sign-in lockout).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
