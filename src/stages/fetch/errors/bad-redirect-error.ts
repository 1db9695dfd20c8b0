import { PermanentError } from '../../../shared/errors/index.js';

/** A 3xx answer without a usable Location header. */
export class BadRedirectError extends PermanentError {
  override name = 'BadRedirectError';
}
