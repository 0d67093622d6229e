/** An error whose status and message are meant for the client. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, field?: string) =>
  new HttpError(400, 'validation', message, field);
export const unauthorized = (message = 'sign in first') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'your role may not do this') => new HttpError(403, 'forbidden', message);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const conflict = (message: string, field?: string) => new HttpError(409, 'conflict', message, field);
export const tooManyRequests = (message: string) => new HttpError(429, 'rate_limited', message);
export const unavailable = (message: string) => new HttpError(503, 'engine_unreachable', message);
