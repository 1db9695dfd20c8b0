/** Graceful shutdown of a Parley program on SIGINT/SIGTERM. */
import type { Logger } from '../shared/logger.js';

/**
 * How close together two signals count as one. A terminal's Ctrl-C goes to the whole process group,
 * and `npm run` forwards it to node as well, so one keypress arrives twice within milliseconds; a
 * person pressing Ctrl-C again to force an exit does so seconds later.
 */
export const SIGNAL_ECHO_MS = 1_000;

/**
 * Runs `stop` on SIGINT/SIGTERM, then exits 0. The same keypress delivered twice (see SIGNAL_ECHO_MS)
 * counts once; a later second signal exits at once with 1.
 */
export function onShutdownSignal(log: Logger, stop: () => Promise<void>): void {
  let firstAt: number | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (firstAt !== undefined) {
      if (Date.now() - firstAt < SIGNAL_ECHO_MS) return; // the echo of the first one
      log.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    firstAt = Date.now();
    log.info({ signal }, 'shutting down');
    stop()
      .then(() => {
        log.info('stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        log.error({ err: String(err) }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
