/**
 * What a BullMQ worker's 'error' events mean, logged at the level they deserve. While Redis is down
 * a worker's own connections fail every reconnect attempt; the process's Redis connection already
 * logs the outage once (shared/redis.ts), so these go to debug. After Redis returns, a job whose
 * lock expired meanwhile is taken over by another worker and its first worker hears "could not
 * renew lock" or "Missing lock": the expected re-run of that job, logged as a warning that says so.
 */
import { isConnectionLost } from '../shared/connection-errors.js';
import type { Logger } from '../shared/logger.js';

const LOST_LOCK = /could not renew lock|missing lock|lock mismatch/i;

/** A handler for a worker's 'error' event. */
export function workerErrorLogger(log: Logger, queue: string): (err: Error) => void {
  return (err) => {
    if (isConnectionLost(err) || /Connection is closed/i.test(err.message)) {
      log.debug({ queue, err: err.message }, 'worker cannot reach Redis; retrying');
    } else if (LOST_LOCK.test(err.message)) {
      log.warn(
        { queue, err: err.message },
        'a job lost its lock while Redis was away; it will run again (nothing lost)',
      );
    } else {
      log.error({ queue, err: err.message }, 'worker error');
    }
  };
}
