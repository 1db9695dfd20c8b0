/**
 * Errors that stop a program before it starts work carry the exit code it ends with, so the program
 * prints one line and exits without knowing each error's class.
 */

/** Exit codes of Parley's programs. */
export const EXIT_CODES = {
  /** Something outside the program failed (Redis unreachable). */
  failure: 1,
  /** The configuration or a data file is wrong; retrying will not help. */
  badConfiguration: 2,
} as const;

/** An error that ends a program at start-up with its exit code. */
export interface StartupFailure extends Error {
  readonly exitCode: number;
}

/** Whether an error says how the program should end. */
export function isStartupFailure(err: unknown): err is StartupFailure {
  return err instanceof Error && typeof (err as Partial<StartupFailure>).exitCode === 'number';
}
