import { PermanentError } from '../../../shared/errors/index.js';

/** The body used a Content-Encoding we did not ask for and cannot decode, or was corrupt. */
export class UnsupportedEncodingError extends PermanentError {
  override name = 'UnsupportedEncodingError';
}
