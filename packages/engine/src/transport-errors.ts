import { EngineError, EngineUnreachableError } from './engine-errors.js';

/** Raised internally when an engine stays silent past a request's timeout. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`);
  }
}

/** True for the error `node:http` raises when the caller's AbortSignal fires. */
export function isAbortError(err: unknown): boolean {
  return (
    err instanceof Error && (err.name === 'AbortError' || (err as NodeJS.ErrnoException).code === 'ABORT_ERR')
  );
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_OSSL_)/;

/**
 * Turns a socket-level failure into an `EngineUnreachableError` whose message says what to check.
 * `what` names the request (`GET /v1.41/info`), `address` the engine.
 */
export function toUnreachableError(err: unknown, address: string, what: string): EngineUnreachableError {
  if (err instanceof EngineUnreachableError) return err;
  if (err instanceof RequestTimeoutError) {
    return new EngineUnreachableError(`Docker engine at ${address} did not answer ${what}: ${err.message}`, {
      cause: err,
    });
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const detail = err instanceof Error ? err.message : String(err);
  let message: string;
  if (code === 'ENOENT') message = `Docker engine socket ${address} does not exist (is the engine running?)`;
  else if (code === 'ECONNREFUSED')
    message = `Docker engine at ${address} refused the connection (is it running?)`;
  else if (code === 'EACCES' || code === 'EPERM') {
    message = `Permission denied connecting to Docker engine at ${address} (check the socket's owner and group)`;
  } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    message = `Cannot resolve the host of Docker engine ${address}`;
  } else if (TLS_CODE.test(code)) message = `TLS connection to Docker engine at ${address} failed: ${detail}`;
  else message = `Lost connection to Docker engine at ${address} during ${what}: ${detail}`;
  return new EngineUnreachableError(message, { cause: err });
}

/** Builds the `EngineError` for an HTTP error answer, preferring the engine's own `{message}`. */
export function toEngineError(status: number, body: Buffer, what: string): EngineError {
  const text = body.toString('utf8').trim();
  let message = text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'message' in parsed &&
      typeof parsed.message === 'string'
    ) {
      message = parsed.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page, plain text): the text itself is the best message there is.
  }
  return new EngineError(status, message === '' ? `${what} failed with HTTP ${status}` : message);
}
