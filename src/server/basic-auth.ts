/**
 * HTTP basic auth for the dashboard. Credentials are compared as SHA-256 digests with
 * crypto.timingSafeEqual, so neither the comparison's time nor an early exit tells how much matched.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Paths served without credentials: a liveness probe cannot send them, and it tells only up or down. */
export const OPEN_PATHS: ReadonlySet<string> = new Set(['/healthz']);

const BASIC = /^Basic ([A-Za-z0-9+/=]+)$/;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Whether an Authorization header carries exactly these credentials. */
export function credentialsMatch(header: string | undefined, user: string, password: string): boolean {
  const m = BASIC.exec(header ?? '');
  const decoded = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const givenUser = colon >= 0 ? decoded.slice(0, colon) : '';
  const givenPassword = colon >= 0 ? decoded.slice(colon + 1) : '';
  // Both comparisons always run: which of the two failed must not show in the timing either.
  const userOk = timingSafeEqual(digest(givenUser), digest(user));
  const passwordOk = timingSafeEqual(digest(givenPassword), digest(password));
  return m !== null && colon >= 0 && userOk && passwordOk;
}

/** An onRequest hook answering 401 unless the request carries the credentials. */
export function basicAuthHook(auth: { user: string; password: string }) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (OPEN_PATHS.has(req.url.split('?')[0]!)) return;
    if (credentialsMatch(req.headers.authorization, auth.user, auth.password)) return;
    await reply
      .code(401)
      .header('www-authenticate', 'Basic realm="Parley", charset="UTF-8"')
      .type('text/plain; charset=utf-8')
      .send('authentication required');
  };
}
