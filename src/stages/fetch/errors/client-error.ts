import { PermanentError } from '../../../shared/errors/index.js';

/** The server answered a 4xx other than 404/410/429 (401, 403, 451 …), or an unusable status. */
export class HttpClientError extends PermanentError {
  override name = 'HttpClientError';

  constructor(
    message: string,
    /** The HTTP status received. */
    readonly status: number,
  ) {
    super(message);
  }
}
