import { PermanentError } from '../../../shared/errors/index.js';

/** The server answered 404 Not Found or 410 Gone. */
export class HttpNotFoundError extends PermanentError {
  override name = 'HttpNotFoundError';

  constructor(
    message: string,
    /** 404 or 410. */
    readonly status: number,
  ) {
    super(message);
  }
}
