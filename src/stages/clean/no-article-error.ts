import { PermanentError } from '../../shared/errors/index.js';

/**
 * The page holds no article text: an empty or script-only page, a frameset, a list of links, a
 * page whose body text is too short to be an article. Retrying cannot change that.
 */
export class NoArticleError extends PermanentError {
  override name = 'NoArticleError';
}
