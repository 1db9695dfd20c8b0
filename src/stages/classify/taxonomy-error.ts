import { EXIT_CODES, PermanentError } from '../../shared/errors/index.js';

/**
 * A taxonomy or gazetteer file that cannot be used: unreadable, not YAML/JSON, or breaking the
 * schema. The message names the file, the topic (or entity) and the field that is wrong.
 */
export class TaxonomyError extends PermanentError {
  override name = 'TaxonomyError';
  /** A program that cannot load its taxonomy stops at start-up with this code. */
  readonly exitCode: number = EXIT_CODES.badConfiguration;
}
