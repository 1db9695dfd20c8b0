/**
 * An error that may go away by itself: a timeout, a reset connection, a 5xx or 429 answer, a
 * store that is briefly unreachable. The job is retried with exponential backoff, or after
 * `retryAfterMs` when the other side said how long to wait.
 */
export class TransientError extends Error {
  override name = 'TransientError';

  constructor(
    message: string,
    /** How long the other side asked us to wait (Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
