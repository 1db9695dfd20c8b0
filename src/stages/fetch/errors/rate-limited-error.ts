import { TransientError } from '../../../shared/errors/index.js';

/** The server answered 429 Too Many Requests; `retryAfterMs` is set when it said how long to wait. */
export class HttpRateLimitedError extends TransientError {
  override name = 'HttpRateLimitedError';
}
