import { PermanentError } from '../../../shared/errors/index.js';

/** The redirect chain was longer than the allowed number of hops. */
export class TooManyRedirectsError extends PermanentError {
  override name = 'TooManyRedirectsError';
}
