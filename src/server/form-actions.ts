/**
 * What a page with POST forms needs, registered inside its own plugin: urlencoded bodies, and CSRF
 * protection (@fastify/csrf-protection: a secret in an HttpOnly, SameSite=Strict cookie; each form
 * carries a token made from it in `_csrf`; a POST without a matching token is refused 403).
 * Actions exist only when DASHBOARD_ALLOW_ACTIONS is set; otherwise the routes are not registered.
 */
import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { html, type SafeHtml } from './html.js';

/** Longest form body accepted: a feed URL, a mark or a watch's name, never more. */
const FORM_BODY_LIMIT = 16 * 1024;

/**
 * The cookie's signature key, one per process and shared by every page with forms: each page keeps the
 * secret the cookie already holds, so opening /skipped does not expire the forms of a /feeds tab.
 * It lives as long as the process: a form from before a restart is refused.
 */
const COOKIE_KEY = randomBytes(32).toString('hex');

/** Registers body parsing and CSRF protection in `app`'s scope; `app.csrfProtection` guards a POST. */
export async function enableForms(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  await app.register(fastifyCookie, { secret: COOKIE_KEY });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/' },
  });
  app.setErrorHandler(async (err: Error & { code?: string }, _req, reply) => {
    if (err.code?.startsWith('FST_CSRF_'))
      return reply
        .code(403)
        .type('text/plain; charset=utf-8')
        .send('This form has expired or did not come from this dashboard: reload the page and try again.');
    throw err;
  });
}

/** The hidden token field for a form on a page this reply renders. */
export function csrfField(reply: FastifyReply): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${reply.generateCsrf()}">`;
}

/** JSON schema of a form body: these string fields (required ones listed), plus the token. */
export function formSchema(fields: Record<string, { maxLength: number; optional?: boolean }>) {
  return {
    type: 'object',
    properties: {
      _csrf: { type: 'string', maxLength: 500 },
      ...Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, { type: 'string', maxLength: f.maxLength }])),
    },
    required: Object.entries(fields)
      .filter(([, f]) => !f.optional)
      .map(([k]) => k),
  } as const;
}
