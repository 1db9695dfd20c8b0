/** `npm run articles -- --skipped [--q WORDS] [--limit N] [--offset N] [--json]`: skipped articles, newest first. */
import type { ArticleStore } from '../stages/store/article-store.js';

export async function printSkipped(
  store: ArticleStore,
  o: { q?: string; limit?: string; offset?: string; json?: boolean },
): Promise<void> {
  const limit = o.limit ? Number(o.limit) : 20;
  const offset = o.offset ? Number(o.offset) : 0;
  const { total, articles } = await store.skippedArticles.list({ q: o.q, limit, offset });
  for (const a of articles) {
    if (o.json) {
      console.log(JSON.stringify(a));
      continue;
    }
    const start = (a.excerpt ?? '').replace(/\s+/g, ' ').trim().slice(0, 160);
    console.log(`${a.skippedAt.slice(0, 10)}  ${a.id}  ${a.title || start.slice(0, 80) || a.url}`);
    console.log(`            ${a.url} · score ${a.relevance.toFixed(2)}${a.label ? ` · marked ${a.label}` : ''}`);
    if (start) console.log(`            ${start}${(a.excerpt ?? '').length > 160 ? '…' : ''}`);
  }
  if (!o.json) {
    if (articles.length === 0) console.error('no skipped articles match');
    else if (total > offset + articles.length)
      console.error(
        `${offset + 1}–${offset + articles.length} of ${total}; --offset ${offset + articles.length} for more`,
      );
  }
}
