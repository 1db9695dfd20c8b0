import { PermanentError } from '../../../shared/errors/index.js';

/** An article URL answered with something other than HTML/XHTML (a PDF, an image, JSON …). */
export class NotHtmlError extends PermanentError {
  override name = 'NotHtmlError';
}
