import { PermanentError } from '../../../shared/errors/index.js';

/** The site's robots.txt forbids Parley's user agent from fetching this URL. */
export class RobotsDisallowedError extends PermanentError {
  override name = 'RobotsDisallowedError';
}
