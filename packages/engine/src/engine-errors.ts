/** The engine answered with an error status; `statusCode` is the engine's (404, 409, …). */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The engine could not be reached at all (socket missing, connection refused, TLS failure). */
export class EngineUnreachableError extends Error {
  override readonly name = 'EngineUnreachableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The engine answered, but not in the Engine API's shape (not JSON where JSON was due). */
export class EngineProtocolError extends Error {
  override readonly name = 'EngineProtocolError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
