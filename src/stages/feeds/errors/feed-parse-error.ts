import { PermanentError } from '../../../shared/errors/index.js';

/** The feed body is not a readable RSS/Atom/RDF document (broken XML, an HTML page, empty). */
export class FeedParseError extends PermanentError {
  override name = 'FeedParseError';
}
