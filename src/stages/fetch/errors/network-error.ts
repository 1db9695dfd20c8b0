import { TransientError } from '../../../shared/errors/index.js';

/** The connection failed or broke (DNS failure, refused, reset, TLS error); it may work later. */
export class FetchNetworkError extends TransientError {
  override name = 'FetchNetworkError';
}
