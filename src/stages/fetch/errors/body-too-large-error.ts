import { PermanentError } from '../../../shared/errors/index.js';

/** The body (compressed or decompressed) exceeded the size limit. */
export class BodyTooLargeError extends PermanentError {
  override name = 'BodyTooLargeError';
}
