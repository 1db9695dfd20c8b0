import { EXIT_CODES } from './startup-error.js';

/** Redis could not be reached at start-up; the message names the URL and the cause. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
  readonly exitCode: number = EXIT_CODES.failure;
}
