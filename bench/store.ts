/**
 * `npm run bench -- store [--n N] [--stores=sqlite,postgres]`: fills each store with N (100,000)
 * synthetic articles and prints p50/p99 of search, filter, list and deep-page queries against
 * issue 19's targets, the time to render each chart with its query (issue 15: ≤ 50 ms; a timeline
 * entry per ten articles is filled for them), and the store stage's write rate. Baseline from the same run: the LIKE scan the store searched with before full-text
 * search (every word in LOWER(title) or LOWER(body)), on the same data and words.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { cpuPerRun, postgresServerCpu, sampleWhile, time, type ServerCpu, type Timing } from './_query-timing.js';
import type { ArticleQuery, ArticleStore } from '../src/stages/store/article-store.js';
import { openStore } from '../src/stages/store/open-store.js';
import { PostgresClient } from '../src/stages/store/postgres-client.js';
import type { SqlArticleStore } from '../src/stages/store/sql-article-store.js';
import type { SqlClient } from '../src/stages/store/sql-client.js';
import { SqliteClient } from '../src/stages/store/sqlite-client.js';
import { eventsChart, kindsChart, pairsChart, topicsChart } from '../src/server/charts/chart-panels.js';
import { bulkFill } from './_bulk-fill.js';
import { benchStoreUrl, startChild, type StoreKind } from './_support.js';
import { DEFAULT_CONCURRENCY } from '../src/shared/config.js';
import { fillEvents } from './_event-fill.js';
import { ENTITIES, SITES, TOPICS, prng, syntheticArticles, wordPool } from './_synthetic-articles.js';

const DEFAULT_ARTICLES = 100_000;
/** Timed runs per query kind (the slow baseline gets fewer). */
const RUNS = 300;
const BASELINE_RUNS = 30;
/** Single-article upserts (one transaction each) timed after the fill. */
const SINGLE_INSERTS = 500;

/**
 * Search words drawn from the same pool as the texts, in turn: one of the 50 commonest words (in
 * most articles), two words of middling frequency, one rare word (the pool's tail), and a
 * two-word phrase that stands in the fixture texts ("quoted").
 */
function searchQueries(count: number): string[] {
  const rand = prng(7);
  const pool = wordPool();
  const freq = new Map<string, number>();
  for (const w of pool) if (w.length > 3) freq.set(w.toLowerCase(), (freq.get(w.toLowerCase()) ?? 0) + 1);
  const ranked = [...freq.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  const common = ranked.slice(0, 50);
  const middling = ranked.slice(50, 1_000);
  const rare = ranked.slice(-1_000);
  const pick = (l: string[]) => l[Math.floor(rand() * l.length)]!;
  const phrase = () => {
    for (;;) {
      const i = Math.floor(rand() * (pool.length - 1));
      const [a, b] = [pool[i]!, pool[i + 1]!];
      if (a.length > 3 && b.length > 3) return `"${a.toLowerCase()} ${b.toLowerCase()}"`;
    }
  };
  const kinds = [() => pick(common), () => `${pick(middling)} ${pick(middling)}`, () => pick(rare), phrase];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]!());
}

function filterQueries(count: number): ArticleQuery[] {
  const rand = prng(11);
  const pick = <T>(l: readonly T[]) => l[Math.floor(rand() * l.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const year = 2013 + Math.floor(rand() * 10);
    const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    switch (i % 4) {
      case 0:
        return { topic: pick(TOPICS) };
      case 1:
        return { topic: pick(TOPICS), site: pick(SITES) };
      case 2:
        return { from: `${year}-${month}-01`, to: `${year}-${month}-28` };
      default:
        return { entity: pick(ENTITIES).split(' ').at(-1)!.toLowerCase() };
    }
  });
}

/** The search the store used before full-text search, on the raw client: each word or "phrase" as a LIKE. */
function likeScan(db: SqlClient, q: string): Promise<unknown[]> {
  const terms = [...q.toLowerCase().matchAll(/"([^"]+)"|\S+/g)].map((m) => m[1] ?? m[0]);
  const where = terms.map((_, i) => `(LOWER(a.title) LIKE $${i + 1} OR LOWER(a.body) LIKE $${i + 1})`).join(' AND ');
  return db.query(
    `SELECT a.id, a.title FROM articles a WHERE ${where} ORDER BY a.sort_at DESC, a.id LIMIT 20`,
    terms.map((w) => `%${w}%`),
  );
}

/** Issue 15: a chart, its query included, renders in 50 ms or less at 100,000 articles. */
const TARGET_CHART_MS = 50;

/** Waits for a chart and reads its markup (the string a page sends). */
async function chartHtml(chart: Promise<{ value: string }>): Promise<number> {
  return (await chart).value.length;
}

/** Issue 19: the store stage writes at least this many articles per second into PostgreSQL. */
const TARGET_WRITES_PER_S = 1_000;

/** What issue 19 asks of each kind of query at a million articles (p99, ms). */
const TARGET_P99_MS = { search: 50, filter: 20, list: 10, deep: 50 } as const;

/**
 * The store stage's write rate: WRITERS jobs at once, each storing one article (what a store worker
 * does with its default STORE_CONCURRENCY), against one at a time, in this process; and PROCESSES
 * store processes (_store-writer.ts) doing the same at once, as a deployment adds store workers.
 */
const WRITERS = DEFAULT_CONCURRENCY.store;
const PROCESSES = 2;
const WRITE_ARTICLES = 3_000;
/** One at a time is slow on a loaded machine: fewer articles give its rate well enough. */
const SERIAL_ARTICLES = 300;

interface WriteRate {
  rate: number;
  /** CPU per article written: the writing processes' and (PostgreSQL) the server's. */
  cpuMs: number;
}

async function writeRate(store: ArticleStore, writers: number, seed: number, server: ServerCpu): Promise<WriteRate> {
  const articles = syntheticArticles(writers === 1 ? SERIAL_ARTICLES : WRITE_ARTICLES, seed, `w${seed}x`);
  let next = 0;
  const server0 = await server();
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await sampleWhile(server, () =>
    Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < articles.length) await store.upsertArticle(articles[next++]!);
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const serverMs = ((await server()) ?? 0) - (server0 ?? 0);
  return { rate: articles.length / seconds, cpuMs: ((cpu.user + cpu.system) / 1000 + serverMs) / articles.length };
}

/** PROCESSES store processes writing WRITE_ARTICLES each at once, WRITERS jobs at once in each. */
async function writeRateAcross(url: string, seed: number, server: ServerCpu): Promise<WriteRate> {
  const children = await Promise.all(
    Array.from({ length: PROCESSES }, (_, i) =>
      startChild(
        'bench/_store-writer.ts',
        [url, String(WRITE_ARTICLES), String(seed + i), String(WRITERS)],
        {},
        /^ready$/,
      ),
    ),
  );
  const results = children.map(
    ({ child }) =>
      new Promise<{ ms: number; cpuMs: number }>((done, fail) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) =>
          code === 0
            ? done(JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; cpuMs: number })
            : fail(new Error(`store writer exited with ${code}`)),
        );
      }),
  );
  const server0 = await server();
  const started = performance.now();
  for (const { child } of children) child.kill('SIGUSR2');
  const done = await sampleWhile(server, () => Promise.all(results));
  const seconds = (performance.now() - started) / 1000;
  const serverMs = ((await server()) ?? 0) - (server0 ?? 0);
  const written = PROCESSES * WRITE_ARTICLES;
  const cpuMs = done.reduce((sum, r) => sum + r.cpuMs, 0) + serverMs;
  return { rate: written / seconds, cpuMs: cpuMs / written };
}

/**
 * PostgreSQL: the phrase pairs of the articles pending (phrase-index.ts), made now and timed: the
 * work the store processes do when writes pause. Null on SQLite (none to make).
 */
async function pairsMade(
  store: ArticleStore,
  raw: SqlClient,
  server: ServerCpu,
): Promise<{ articles: number; rate: number; cpuMs: number } | null> {
  if (raw.dialect !== 'postgres') return null;
  const [row] = await raw.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM phrase_pending');
  const articles = Number(row?.n ?? 0);
  const server0 = await server();
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await sampleWhile(server, () => (store as SqlArticleStore).phrasesIndexed());
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const serverMs = ((await server()) ?? 0) - (server0 ?? 0);
  return {
    articles,
    rate: articles / seconds,
    cpuMs: ((cpu.user + cpu.system) / 1000 + serverMs) / Math.max(1, articles),
  };
}

/**
 * PostgreSQL: the server's memory settings, and the filled tables and indexes read into its buffers
 * (pg_prewarm), as a store in use holds what its queries read; a bulk fill leaves them on disk and
 * the first query to touch each page would pay for it. Says what it did, or why not.
 */
async function prewarm(db: SqlClient): Promise<string> {
  const [settings] = await db.query<{ shared_buffers: string; huge_pages: string }>(
    `SELECT current_setting('shared_buffers') AS shared_buffers, current_setting('huge_pages') AS huge_pages`,
  );
  const config = `shared_buffers ${settings?.shared_buffers}, huge_pages ${settings?.huge_pages}`;
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm SCHEMA public');
    const [row] = await db.query<{ pages: string }>(
      `SELECT SUM(public.pg_prewarm(c.oid, 'buffer')) AS pages FROM pg_class c
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'i')
         AND (c.relname LIKE 'article%' OR c.relname IN ('events', 'event_people', 'topic_days'))`,
    );
    return `${config}; ${row?.pages ?? 0} pages of the filled tables and indexes read into shared buffers (pg_prewarm)`;
  } catch (err) {
    return `${config}; not prewarmed (${(err as Error).message})`;
  }
}

async function benchStore(kind: StoreKind, n: number): Promise<void> {
  const t = benchStoreUrl(kind, `store${Date.now().toString(36)}`);
  // PostgreSQL backends of this run are found by their application name, to read their CPU time.
  const app = `parley_bench_${process.pid}`;
  const url = kind === 'postgres' ? `${t.url}&application_name=${app}` : t.url;
  const store: ArticleStore = await openStore(url);
  const raw: SqlClient = kind === 'sqlite' ? new SqliteClient(url.slice('sqlite:'.length)) : new PostgresClient(url);
  const admin = kind === 'postgres' ? new PostgresClient(t.url) : null;
  const server: ServerCpu = admin ? postgresServerCpu(admin, app) : () => Promise.resolve(null);
  const timed = (runs: number, fn: (i: number) => Promise<unknown>, warmUp?: number) => time(runs, fn, warmUp, server);
  try {
    const fillSeconds = await bulkFill(raw, n);
    const events = await fillEvents(raw, n);
    // Statistics for every table the fill wrote, as autovacuum would gather on a store that grew
    // (without them the planner took an entity filter's 9,549 matches for 46, and sorted them all).
    if (kind === 'postgres') {
      await raw.query('VACUUM ANALYZE articles');
      for (const table of [
        'article_copies',
        'article_topics',
        'article_entities',
        'article_phrases',
        'events',
        'event_people',
      ])
        await raw.query(`ANALYZE ${table}`);
      console.log(`  postgres: ${await prewarm(raw)}`);
    } else await raw.query('ANALYZE');
    const serial = await writeRate(store, 1, 97, server);
    const concurrent = await writeRate(store, WRITERS, 98, server);
    // The pairs of what was written, made before the next run is timed, which they would share the
    // database with (and before the queries, which search pending articles one by one).
    const pairs = [await pairsMade(store, raw, server)];
    const across = await writeRateAcross(url, 200, server);
    const extra = syntheticArticles(SINGLE_INSERTS, 99, 'single');
    const single = await timed(SINGLE_INSERTS, (i) => store.upsertArticle(extra[i]!), 0);
    pairs.push(await pairsMade(store, raw, server));
    const counts = await store.countArticles();

    const searches = searchQueries(RUNS);
    const filters = filterQueries(RUNS);
    const rand = prng(5);
    const baselineRuns = n > 200_000 ? 8 : BASELINE_RUNS;
    const rows: [string, Timing, number | null][] = [
      [
        'search --q (page of 20, ranked, snippets)',
        await timed(RUNS, (i) => store.listArticles({ q: searches[i]! })),
        TARGET_P99_MS.search,
      ],
      [
        'search --q with total (as the API/page)',
        await timed(RUNS, (i) => store.searchArticles({ q: searches[i]! })),
        TARGET_P99_MS.search,
      ],
      [
        'search --q + a filter (as filter row below)',
        await timed(RUNS, (i) => store.listArticles({ q: searches[i]!, ...filters[i]! })),
        null,
      ],
      [
        'filter (topic / topic+site / month / entity)',
        await timed(RUNS, (i) => store.listArticles(filters[i])),
        TARGET_P99_MS.filter,
      ],
      ['filter with total', await timed(RUNS, (i) => store.searchArticles(filters[i])), null],
      [
        'list newest (offset 0–1000)',
        await timed(RUNS, () => store.listArticles({ offset: Math.floor(rand() * 1_000) })),
        TARGET_P99_MS.list,
      ],
      [
        'deep page (offset 10,000)',
        await timed(RUNS, () => store.listArticles({ offset: 10_000 + Math.floor(rand() * 20) })),
        TARGET_P99_MS.deep,
      ],
      [
        'chart: articles per week by topic (query+SVG)',
        await timed(RUNS, () => chartHtml(topicsChart(store))),
        TARGET_CHART_MS,
      ],
      [
        'chart: articles per week by source kind (query+SVG)',
        await timed(RUNS, () => chartHtml(kindsChart(store))),
        TARGET_CHART_MS,
      ],
      [
        'chart: events per month by type (query+SVG)',
        await timed(RUNS, () => chartHtml(eventsChart(store))),
        TARGET_CHART_MS,
      ],
      [
        'chart: US–Russia people pairs (query+SVG)',
        await timed(RUNS, () => chartHtml(pairsChart(store))),
        TARGET_CHART_MS,
      ],
      ['baseline: LIKE scan, same words', await timed(baselineRuns, (i) => likeScan(raw, searches[i]!), 2), null],
    ];
    console.log(`\n${kind}: ${counts.stored} stories, ${events} timeline entries`);
    console.log(
      `  fill: ${(n / fillSeconds).toFixed(0)} articles/s (${fillSeconds.toFixed(1)} s; bulk insert, no story fingerprints)`,
    );
    console.log(
      `  store stage writes, ${WRITERS} jobs at once: ${concurrent.rate.toFixed(0)} articles/s; one at a time: ${serial.rate.toFixed(0)} articles/s (${(concurrent.rate / serial.rate).toFixed(1)}×; fingerprints and story lookup included)`,
    );
    console.log(
      `  store stage writes, ${PROCESSES} store processes × ${WRITERS} jobs at once: ${across.rate.toFixed(0)} articles/s${kind === 'postgres' ? ` (target ≥ ${TARGET_WRITES_PER_S}: ${across.rate >= TARGET_WRITES_PER_S ? 'met' : 'MISSED'})` : ''}`,
    );
    const what = `this process${kind === 'postgres' ? ' + PostgreSQL backends' : ''}`;
    console.log(
      `  CPU per article written (${what}): ${concurrent.cpuMs.toFixed(2)} ms at once, ${serial.cpuMs.toFixed(2)} ms one at a time, ${across.cpuMs.toFixed(2)} ms across ${PROCESSES} processes → ${(1000 / concurrent.cpuMs).toFixed(0)} articles/s per core`,
    );
    console.log(`  single upsert (own transaction): p50 ${single.p50.toFixed(2)} ms, p99 ${single.p99.toFixed(2)} ms`);
    for (const made of pairs.filter((m) => m !== null))
      console.log(
        `  phrase pairs made after the writes: ${made.articles} articles, ${made.rate.toFixed(0)}/s, ${made.cpuMs.toFixed(2)} ms of CPU each (this process + PostgreSQL backends)`,
      );
    console.log(
      `  ${''.padEnd(46)} ${'wall p50'.padStart(9)} ${'wall p99'.padStart(9)}  ${'cpu p50'.padStart(8)} ${'cpu p99'.padStart(8)}${kind === 'postgres' ? '  server cpu mean' : ''}`,
    );
    for (const [name, r, target] of rows) {
      const cpuMet = kind === 'sqlite' && target !== null ? `, CPU p99 ${r.cpuP99 <= target ? 'met' : 'MISSED'}` : '';
      const verdict =
        target === null ? '' : `   (target p99 ≤ ${target} ms: wall ${r.p99 <= target ? 'met' : 'MISSED'}${cpuMet})`;
      const serverCol = r.serverCpuMean === null ? '' : `  ${r.serverCpuMean.toFixed(2).padStart(8)}`;
      console.log(
        `  ${name.padEnd(46)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(9)}  ${r.cpuP50.toFixed(2).padStart(8)} ${r.cpuP99.toFixed(2).padStart(8)}${serverCol}${verdict}`,
      );
    }
    const cpu = [
      ['topics', await cpuPerRun(RUNS / 3, () => chartHtml(topicsChart(store)))],
      ['kinds', await cpuPerRun(RUNS / 3, () => chartHtml(kindsChart(store)))],
      ['events', await cpuPerRun(RUNS / 3, () => chartHtml(eventsChart(store)))],
      ['pairs', await cpuPerRun(RUNS / 3, () => chartHtml(pairsChart(store)))],
    ] as const;
    console.log(
      `  charts, CPU of this process per render${kind === 'postgres' ? ' (the server’s share not included)' : ''}: ${cpu.map(([k, ms]) => `${k} ${ms.toFixed(1)} ms`).join(', ')}; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
    );
    const search = rows[0]![1];
    const base = rows.at(-1)![1];
    console.log(
      `  full-text search vs LIKE scan: p50 ${(base.p50 / search.p50).toFixed(1)}× faster, p99 ${(base.p99 / search.p99).toFixed(1)}× faster`,
    );
  } finally {
    await raw.close();
    await admin?.close();
    await store.close();
    await t.drop();
  }
}

export async function run(args: string[]): Promise<void> {
  const opt = (name: string) => {
    const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    return i < 0 ? undefined : args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1];
  };
  const n = Number(opt('n') ?? opt('articles') ?? DEFAULT_ARTICLES);
  if (!Number.isInteger(n) || n < 1_000) throw new Error('--n must be a whole number of articles, at least 1000');
  const kinds = (opt('stores') ?? 'sqlite,postgres').split(',') as StoreKind[];
  for (const kind of kinds) await benchStore(kind, n);
}
