/**
 * Not a failure: the job cannot run yet (its host is busy) and should run again after `retryAfterMs`
 * without spending an attempt. Stage workers move such a job to the delayed set.
 */
export class DeferError extends Error {
  override name = 'DeferError';

  constructor(
    message: string,
    /** How long to wait before trying again. */
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}
