import { PermanentError } from '../../../shared/errors/index.js';

/**
 * The host is, or resolved to, an address we never fetch from (loopback, private, link-local …),
 * which protects internal services from server-side request forgery.
 */
export class RefusedAddressError extends PermanentError {
  override name = 'RefusedAddressError';
}
