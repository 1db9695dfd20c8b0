import { PermanentError } from './permanent-error.js';

/** A job payload that does not match its queue's schema; the message names the field. */
export class InvalidPayloadError extends PermanentError {
  override name = 'InvalidPayloadError';
}
