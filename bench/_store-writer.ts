/**
 * One store process for `npm run bench -- store`'s write rate: opens the store at URL, makes COUNT
 * synthetic articles (seed SEED), prints `ready`, and on SIGUSR2 writes them with WRITERS
 * jobs at once (what a store worker does with STORE_CONCURRENCY), then prints its wall and CPU
 * time as JSON. Making the articles is not timed.
 *   node --import tsx bench/_store-writer.ts URL COUNT SEED WRITERS
 */
import { openStore } from '../src/stages/store/open-store.js';
import { syntheticArticles } from './_synthetic-articles.js';

const [url, count, seed, writers] = process.argv.slice(2);
if (!url || !count || !seed || !writers) throw new Error('usage: _store-writer.ts URL COUNT SEED WRITERS');
const store = await openStore(url);
const articles = syntheticArticles(Number(count), Number(seed), `p${seed}x`);
// Listening before saying ready: a signal that came first would end the process. A signal handler
// does not keep the process alive (a SQLite store holds no socket), so a timer does until then.
const waiting = setInterval(() => undefined, 60_000);
const go = new Promise<void>((start) => process.once('SIGUSR2', () => start()));
console.log('ready');
await go;
clearInterval(waiting);
const cpu0 = process.cpuUsage();
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: Number(writers) }, async () => {
    while (next < articles.length) await store.upsertArticle(articles[next++]!);
  }),
);
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 }));
await store.close();
