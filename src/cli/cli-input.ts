/**
 * What the store-reading CLIs do with their input: a bad filter or a bad configuration is one line
 * that says what was wrong (and the usage, for a filter), then exit 2 — never a stack trace.
 */
import { parseConfig, type Config } from '../shared/config.js';
import { exitOnStartupError } from '../runtime/runtime.js';
import { InvalidQueryError } from '../stages/store/article-query.js';

/** Parses the filters from the flags, or names the bad one as a --flag with the usage and exits 2. */
export function queryOrExit<Q>(parse: (values: Record<string, unknown>) => Q, values: object, usage: string): Q {
  try {
    return parse(values as Record<string, unknown>);
  } catch (err) {
    if (!(err instanceof InvalidQueryError)) throw err;
    console.error(`${err.message.replace(/(^|; )(\w+)/g, '$1--$2')}\n${usage}`);
    process.exit(2);
  }
}

/** The configuration from the environment, or its one-line reason and exit 2. */
export function configOrExit(): Config {
  try {
    return parseConfig();
  } catch (err) {
    return exitOnStartupError(err);
  }
}
