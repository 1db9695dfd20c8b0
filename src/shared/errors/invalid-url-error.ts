import { PermanentError } from './permanent-error.js';

/** A URL that cannot be parsed, is too long, or uses a scheme other than http(s). */
export class InvalidUrlError extends PermanentError {
  override name = 'InvalidUrlError';
}
