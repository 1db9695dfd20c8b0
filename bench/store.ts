/**
 * `npm run bench -- store [--articles=N] [--stores=sqlite,postgres]`: fills each store with N
 * (100,000) synthetic articles and prints p50/p99 of search, filter and list queries and the
 * insert rate. Baseline from the same run: the LIKE scan the store searched with before full-text
 * search (every word in LOWER(title) or LOWER(body)), on the same data and words.
 */
import { performance } from 'node:perf_hooks';
import type { ArticleQuery, ArticleStore } from '../src/stages/store/article-store.js';
import { openStore } from '../src/stages/store/open-store.js';
import { PostgresClient } from '../src/stages/store/postgres-client.js';
import type { SqlClient } from '../src/stages/store/sql-client.js';
import { SqliteClient } from '../src/stages/store/sqlite-client.js';
import { testStoreUrl, type StoreKind } from '../tests/helpers/test-services.js';
import { ENTITIES, SITES, TOPICS, prng, syntheticArticles, wordPool } from './_synthetic-articles.js';

const DEFAULT_ARTICLES = 100_000;
/** Articles per transaction while filling: big enough to amortise commits, small enough to bound memory. */
const FILL_BATCH = 2_000;
/** Timed runs per query kind (the slow baseline gets fewer). */
const RUNS = 300;
const BASELINE_RUNS = 30;
/** Single-article upserts (one transaction each) timed after the fill. */
const SINGLE_INSERTS = 500;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Untimed runs first, so caches are as warm for each kind as for the others. */
const WARM_UP = 20;

async function time(runs: number, fn: (i: number) => Promise<unknown>, warmUp = WARM_UP): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(warmUp, runs); i++) await fn(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 0.5), p99: percentile(ms, 0.99) };
}

/**
 * Search words drawn from the same pool as the texts, in turn: one of the 50 commonest words (in
 * most articles), two words of middling frequency, one rare word (the pool's tail).
 */
function searchQueries(count: number): string[] {
  const rand = prng(7);
  const freq = new Map<string, number>();
  for (const w of wordPool()) if (w.length > 3) freq.set(w.toLowerCase(), (freq.get(w.toLowerCase()) ?? 0) + 1);
  const ranked = [...freq.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  const common = ranked.slice(0, 50);
  const middling = ranked.slice(50, 1_000);
  const rare = ranked.slice(-1_000);
  const pick = (l: string[]) => l[Math.floor(rand() * l.length)]!;
  return Array.from({ length: count }, (_, i) => (i % 3 === 0 ? pick(common) : i % 3 === 1 ? `${pick(middling)} ${pick(middling)}` : pick(rare)));
}

function filterQueries(count: number): ArticleQuery[] {
  const rand = prng(11);
  const pick = <T>(l: readonly T[]) => l[Math.floor(rand() * l.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const year = 2013 + Math.floor(rand() * 10);
    const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    switch (i % 4) {
      case 0: return { topic: pick(TOPICS) };
      case 1: return { topic: pick(TOPICS), site: pick(SITES) };
      case 2: return { from: `${year}-${month}-01`, to: `${year}-${month}-28` };
      default: return { entity: pick(ENTITIES).split(' ').at(-1)!.toLowerCase() };
    }
  });
}

/** The search the store used before full-text search, on the raw client. */
function likeScan(db: SqlClient, q: string): Promise<unknown[]> {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const where = words.map((_, i) => `(LOWER(a.title) LIKE $${i + 1} OR LOWER(a.body) LIKE $${i + 1})`).join(' AND ');
  return db.query(`SELECT a.id, a.title FROM articles a WHERE ${where} ORDER BY a.sort_at DESC, a.id LIMIT 20`, words.map((w) => `%${w}%`));
}

async function benchStore(kind: StoreKind, n: number): Promise<void> {
  const t = testStoreUrl(kind, `bench${Date.now().toString(36)}`);
  const store: ArticleStore = await openStore(t.url);
  const raw: SqlClient = kind === 'sqlite' ? new SqliteClient(t.url.slice('sqlite:'.length)) : new PostgresClient(t.url);
  try {
    const fillStart = performance.now();
    for (let i = 0; i < n; i += FILL_BATCH) {
      await store.upsertArticles(syntheticArticles(Math.min(FILL_BATCH, n - i), 1_000 + i, `a${(i / FILL_BATCH).toString(36)}x`));
    }
    const fillSeconds = (performance.now() - fillStart) / 1000;
    if (kind === 'postgres') await raw.query('ANALYZE');
    const extra = syntheticArticles(SINGLE_INSERTS, 99, 'single');
    const single = await time(SINGLE_INSERTS, (i) => store.upsertArticle(extra[i]!), 0);
    const counts = await store.countArticles();

    const searches = searchQueries(RUNS);
    const filters = filterQueries(RUNS);
    const rand = prng(5);
    const rows: [string, { p50: number; p99: number }][] = [
      ['search --q (page of 20, ranked, snippets)', await time(RUNS, (i) => store.listArticles({ q: searches[i]! }))],
      ['search --q with total (as the API/page)', await time(RUNS, (i) => store.searchArticles({ q: searches[i]! }))],
      ['search --q + a filter (as filter row below)', await time(RUNS, (i) => store.listArticles({ q: searches[i]!, ...filters[i]! }))],
      ['filter (topic / topic+site / month / entity)', await time(RUNS, (i) => store.listArticles(filters[i]))],
      ['list newest (offset 0–1000)', await time(RUNS, () => store.listArticles({ offset: Math.floor(rand() * 1_000) }))],
      ['baseline: LIKE scan, same words', await time(BASELINE_RUNS, (i) => likeScan(raw, searches[i]!))],
    ];
    console.log(`\n${kind}: ${counts.stored} stories from ${n + SINGLE_INSERTS} articles`);
    console.log(`  fill: ${(n / fillSeconds).toFixed(0)} articles/s (${fillSeconds.toFixed(1)} s, ${FILL_BATCH} per transaction, fingerprint and story lookup included)`);
    console.log(`  single upsert (own transaction): p50 ${single.p50.toFixed(2)} ms, p99 ${single.p99.toFixed(2)} ms`);
    for (const [name, r] of rows) console.log(`  ${name.padEnd(46)} p50 ${r.p50.toFixed(2).padStart(8)} ms   p99 ${r.p99.toFixed(2).padStart(8)} ms`);
    const search = rows[0]![1];
    const base = rows.at(-1)![1];
    console.log(`  full-text search vs LIKE scan: p50 ${(base.p50 / search.p50).toFixed(1)}× faster, p99 ${(base.p99 / search.p99).toFixed(1)}× faster`);
  } finally {
    await raw.close();
    await store.close();
    await t.drop();
  }
}

export async function run(args: string[]): Promise<void> {
  const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const n = Number(opt('articles') ?? DEFAULT_ARTICLES);
  const kinds = (opt('stores') ?? 'sqlite,postgres').split(',') as StoreKind[];
  for (const kind of kinds) await benchStore(kind, n);
}
