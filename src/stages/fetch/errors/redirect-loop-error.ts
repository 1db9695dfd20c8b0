import { PermanentError } from '../../../shared/errors/index.js';

/** A redirect pointed back to a URL already visited in the same chain. */
export class RedirectLoopError extends PermanentError {
  override name = 'RedirectLoopError';
}
