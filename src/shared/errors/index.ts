export { PermanentError } from './permanent-error.js';
export { TransientError } from './transient-error.js';
export { InvalidPayloadError } from './invalid-payload-error.js';
export { InvalidUrlError } from './invalid-url-error.js';
export { RedisUnavailableError } from './redis-unavailable-error.js';
export { DeferError } from './defer-error.js';
export { EXIT_CODES, isStartupFailure, type StartupFailure } from './startup-error.js';
