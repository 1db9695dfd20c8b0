import { TransientError } from '../../../shared/errors/index.js';

/** Which part of the exchange took too long. */
export type TimeoutPhase = 'connect' | 'headers' | 'body';

/** The server was too slow to accept the connection, send headers, or deliver the whole body. */
export class FetchTimeoutError extends TransientError {
  override name = 'FetchTimeoutError';

  constructor(
    message: string,
    /** The phase that ran out of time. */
    readonly phase: TimeoutPhase,
  ) {
    super(message);
  }
}
