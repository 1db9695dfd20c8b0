import { TransientError } from '../../../shared/errors/index.js';

/**
 * The host gate says another request to this host is running or happened too recently.
 * Not a failure: the job should be delayed by `retryAfterMs` without spending an attempt.
 */
export class HostBusyError extends TransientError {
  override name = 'HostBusyError';

  constructor(
    message: string,
    /** The host that is busy. */
    readonly host: string,
    retryAfterMs: number,
  ) {
    super(message, retryAfterMs);
  }
}
