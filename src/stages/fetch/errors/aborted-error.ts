import { TransientError } from '../../../shared/errors/index.js';

/** The caller cancelled the fetch (a worker shutting down); the job should run again later. */
export class FetchAbortedError extends TransientError {
  override name = 'FetchAbortedError';
}
