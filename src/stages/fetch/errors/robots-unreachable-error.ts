import { TransientError } from '../../../shared/errors/index.js';

/**
 * robots.txt could not be read (5xx, timeout, network error). RFC 9309 §2.3.1.4 says to assume
 * complete disallow meanwhile, so the fetch waits and is retried.
 */
export class RobotsUnreachableError extends TransientError {
  override name = 'RobotsUnreachableError';
}
