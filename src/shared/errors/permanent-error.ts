/**
 * An error that retrying cannot fix: a 404, a page that is not HTML, a payload that breaks its
 * schema. Workers turn it into a BullMQ UnrecoverableError so the job fails at once, with this
 * message as the reason a person reads.
 */
export class PermanentError extends Error {
  override name = 'PermanentError';
}
