import { PermanentError } from '../../shared/errors/index.js';

/**
 * A taxonomy or gazetteer file that cannot be used: unreadable, not YAML/JSON, or breaking the
 * schema. The message names the file, the topic (or entity) and the field that is wrong.
 */
export class TaxonomyError extends PermanentError {
  override name = 'TaxonomyError';
}
