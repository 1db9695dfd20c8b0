/**
 * Watches on the dashboard: /api/watches (JSON, never the secrets) and the /watches page with each
 * watch's filter, delivery and state (failing receivers first). Changes — POST /api/watches (JSON),
 * DELETE /api/watches/:name, and the page's remove and test forms (CSRF-protected like every form,
 * form-actions.ts) — only with DASHBOARD_ALLOW_ACTIONS.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { addWatch, testDelivery, WatchNameTaken, type WatchContext } from '../jobs/watch-jobs.js';
import type { AlertQueues } from '../pipeline/alert-queues.js';
import type { Config } from '../shared/config.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { WatchError, type Watch } from '../stages/watch/watch-spec.js';
import { csrfField, enableForms, formSchema } from './form-actions.js';
import { html, layout, type SafeHtml } from './html.js';

export interface WatchRoutesOptions {
  store: () => Promise<ArticleStore>;
  config: Config;
  alerts: AlertQueues;
  allowActions: boolean;
}

const HTML = 'text/html; charset=utf-8';

/** A watch as the dashboard shows it: everything but its secret. */
const shown = ({ secret: _secret, ...w }: Watch) => w;

function filterText(w: Watch): string {
  const f = w.filter;
  return (
    [
      ...f.topics.map((t) => `topic ${t}`),
      ...f.entities.map((e) => `entity ${e}`),
      ...f.events.map((e) => `event ${e}`),
      ...f.people.map((p) => `person ${p}`),
      ...(f.q ? [`“${f.q}”`] : []),
      ...(f.lang ? [`lang ${f.lang}`] : []),
      ...(f.minRelevance !== undefined ? [`relevance ≥ ${f.minRelevance}`] : []),
      ...f.sites.map((s) => `site ${s}`),
    ].join(', ') || 'everything'
  );
}

export const watchRoutes: FastifyPluginAsync<WatchRoutesOptions> = async (app, opts) => {
  const ctx: WatchContext = { config: opts.config, store: opts.store, now: () => new Date() };
  if (opts.allowActions) await enableForms(app);
  const refuse = (reply: FastifyReply) =>
    reply.code(403).send({ error: 'changes are off; set DASHBOARD_ALLOW_ACTIONS to allow them' });

  /** The page; `csrf` is the forms' token field (the forms are shown only with it). */
  const page = async (csrf: SafeHtml | undefined, message?: string) => {
    const watches = await (await opts.store()).watches.list();
    watches.sort((a, b) => Number(!!b.failingSince) - Number(!!a.failingSince) || a.name.localeCompare(b.name));
    const form = (w: Watch, action: 'remove' | 'test', label: string) =>
      html`<form method="post" action="/watches/${encodeURIComponent(w.name)}/${action}">${csrf}<button>${label}</button></form>`;
    const rows = watches.map(
      (w) => html`<tr class="${w.failingSince ? 'failing' : ''}"><td>${w.name}</td><td>${filterText(w)}</td>
<td>${w.delivery.kind} ${w.delivery.kind === 'email' ? w.delivery.to : new URL(w.delivery.url).host}</td><td>${w.mode}</td>
<td>${w.failingSince ? html`<strong class="error">failing since ${w.failingSince}</strong> (${w.failures} in a row: ${w.lastError})` : w.failures ? html`ok (${w.failures} failed: ${w.lastError})` : 'ok'}${w.held ? html` (${w.held} held until it answers)` : ''}</td>
<td>${w.lastDeliveryAt ?? 'never'}</td>${csrf ? html`<td>${form(w, 'test', 'test')} ${form(w, 'remove', 'remove')}</td>` : ''}</tr>`,
    );
    return layout(
      'Watches — Parley',
      html`<main><h1>Watches</h1>${message ? html`<p class="muted">${message}</p>` : ''}
<table><thead><tr><th>Name</th><th>Filter</th><th>Delivery</th><th>Mode</th><th>State</th><th>Last delivery</th>${csrf ? html`<th></th>` : ''}</tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="6" class="muted">No watches yet: npm run watches -- add NAME --topic syria --webhook URL</td></tr>`}</tbody></table></main>`,
    ).value;
  };

  const formToken = (reply: FastifyReply) => (opts.allowActions ? csrfField(reply) : undefined);
  app.get('/watches', async (_req, reply) => reply.type(HTML).send(await page(formToken(reply))));

  app.get('/api/watches', async () => ({ watches: (await (await opts.store()).watches.list()).map(shown) }));

  app.post('/api/watches', async (req, reply) => {
    if (!opts.allowActions) return refuse(reply);
    try {
      const w = await addWatch(req.body, ctx);
      await opts.alerts.schedule(w);
      return reply.code(201).send({ ...shown(w), secret: w.secret });
    } catch (err) {
      if (err instanceof WatchError || err instanceof WatchNameTaken)
        return reply.code(err instanceof WatchError ? 400 : 409).send({ error: err.message });
      throw err;
    }
  });

  app.delete<{ Params: { name: string } }>('/api/watches/:name', async (req, reply) => {
    if (!opts.allowActions) return refuse(reply);
    const removed = await (await opts.store()).watches.remove(req.params.name);
    await opts.alerts.unschedule(req.params.name);
    return removed ? reply.code(204).send() : reply.code(404).send({ error: `no watch named ${req.params.name}` });
  });

  if (!opts.allowActions) return;
  app.post<{ Params: { name: string; action: string } }>(
    '/watches/:name/:action',
    // After the body is parsed: the token travels in the form (`_csrf`).
    { preHandler: app.csrfProtection.bind(app), schema: { body: formSchema({}) } },
    async (req, reply) => {
      const name = req.params.name;
      let message: string;
      if (req.params.action === 'remove') {
        const removed = await (await opts.store()).watches.remove(name);
        await opts.alerts.unschedule(name);
        message = removed ? `removed ${name}` : `no watch named ${name}`;
      } else if (req.params.action === 'test') {
        message = await testDelivery(name, ctx).then(
          (m) => `test delivery ${m.deliveryId} sent to ${name}`,
          (err: unknown) => `test delivery to ${name} failed: ${(err as Error).message}`,
        );
      } else {
        return reply.code(404).send({ error: `unknown action ${req.params.action}; valid: remove, test` });
      }
      return reply.type(HTML).send(await page(formToken(reply), message));
    },
  );
};
