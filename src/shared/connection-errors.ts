/**
 * Whether an error says a backing service (the store, Redis) could not be reached — as opposed to
 * an error in the request itself. Such an error says nothing about the job: retrying it spends an
 * attempt on an outage, so workers hold their jobs until the service answers again instead.
 */

/** Socket-level codes: the service's host or port did not answer, or the connection broke. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
]);

/**
 * PostgreSQL SQLSTATEs about the connection, not the statement: class 08 (connection exception),
 * 57P01–57P03 (the server is shutting down, crashed, or cannot take connections yet) and 53300
 * (too many connections). A constraint violation or a syntax error is never in this list.
 */
const PG_CONNECTION_STATES = /^(08|57P0[123]$|53300$)/;

/** Messages the pg driver uses for a connection that ended without a code. */
const PG_LOST =
  /^(Connection terminated|connection timeout|timeout expired|Client has encountered a connection error)/i;

/** SQLite codes for a database file that cannot be opened or read right now (disk gone, I/O error). */
const SQLITE_UNREACHABLE = /^SQLITE_(CANTOPEN|IOERR)/;

/** True when `error` (or one of its causes, up to five deep) says a service could not be reached. */
export function isConnectionLost(error: unknown): boolean {
  let e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (SOCKET_CODES.has(code) || PG_CONNECTION_STATES.test(code) || SQLITE_UNREACHABLE.test(code)) return true;
    if (typeof e.message === 'string' && PG_LOST.test(e.message)) return true;
    // An AggregateError (a host with several addresses, each refused) carries its causes in `errors`.
    if (Array.isArray(e.errors) && e.errors.some((inner) => isConnectionLost(inner))) return true;
    e = e.cause as typeof e;
  }
  return false;
}
