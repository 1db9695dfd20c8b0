import { TransientError } from '../../../shared/errors/index.js';

/** The server answered 5xx; `retryAfterMs` is set when a 503 carried Retry-After. */
export class HttpServerError extends TransientError {
  override name = 'HttpServerError';

  constructor(
    message: string,
    /** The HTTP status received. */
    readonly status: number,
    retryAfterMs?: number,
  ) {
    super(message, retryAfterMs);
  }
}
