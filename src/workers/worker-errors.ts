/**
 * What a BullMQ worker's 'error' events mean, logged at the level they deserve. While Redis is down
 * a worker's own connections fail every reconnect attempt; the process's Redis connection already
 * logs the outage once (shared/redis.ts), so these go to debug. A job whose lock expired (Redis was
 * away, or the process too busy to renew it in time) is taken over by another run, and its first
 * run hears "could not renew lock", then "Missing lock" at each step it tries — or "Missing key"
 * when the run that took it over has already finished it and the queue removed it: the expected re-run
 * of that job, logged once per job as a warning that says so, the rest at debug.
 */
import { isConnectionLost } from '../shared/connection-errors.js';
import type { Logger } from '../shared/logger.js';

const LOST_LOCK = /could not renew lock|missing lock|lock mismatch|missing key for job/i;
const JOB_ID = /\bjob ([^\s.]+)/i;
/** Jobs whose lost lock was already logged, remembered per worker; forgotten all at once past this many. */
const REMEMBERED_JOBS = 1_000;

/** A handler for a worker's 'error' event. */
export function workerErrorLogger(log: Logger, queue: string): (err: Error) => void {
  const warned = new Set<string>();
  return (err) => {
    if (isConnectionLost(err) || /Connection is closed/i.test(err.message)) {
      log.debug({ queue, err: err.message }, 'worker cannot reach Redis; retrying');
    } else if (LOST_LOCK.test(err.message)) {
      const jobId = JOB_ID.exec(err.message)?.[1];
      if (jobId !== undefined && warned.has(jobId)) {
        log.debug({ queue, jobId, err: err.message }, 'job lost its lock (already reported)');
        return;
      }
      if (warned.size >= REMEMBERED_JOBS) warned.clear();
      if (jobId !== undefined) warned.add(jobId);
      log.warn(
        { queue, jobId, err: err.message },
        'a job lost its lock (Redis away, or the process too busy to renew it); it will run again (nothing lost)',
      );
    } else {
      log.error({ queue, err: err.message }, 'worker error');
    }
  };
}
