/**
 * A CSRF token for the /watches forms, kept apart so it can be swapped for the dashboard's common
 * one: a random token per server, put in each form and checked on each POST. Another site cannot
 * read it (same-origin policy), so it cannot forge a form that carries it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export class CsrfToken {
  readonly value = randomBytes(24).toString('hex');

  matches(given: unknown): boolean {
    if (typeof given !== 'string' || given.length !== this.value.length) return false;
    return timingSafeEqual(Buffer.from(given), Buffer.from(this.value));
  }
}
