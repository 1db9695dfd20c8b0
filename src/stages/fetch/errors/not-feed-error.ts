import { PermanentError } from '../../../shared/errors/index.js';

/** A feed URL answered with a type no feed can have (an image, a PDF, JSON, audio …). */
export class NotFeedError extends PermanentError {
  override name = 'NotFeedError';
}
