/**
 * The two extraction dev sets the extract benchmark and the quality floor read: Zyte's article
 * extraction benchmark (../shared/eval/extraction/dev, or $PARLEY_EXTRACTION_DEV) and trafilatura's
 * evaluation set (../shared/eval/extraction2, or $PARLEY_EXTRACTION2), each with its own scorer.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeBody } from '../src/stages/fetch/charset.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Truth metadata that trafilatura's set gives for a page. */
export interface TruthMeta {
  title?: unknown;
  author?: unknown;
  date?: unknown;
}

export interface EvalPage {
  id: string;
  html: string;
  url: string | undefined;
  /** What the set's scorer compares the text with. */
  truth: unknown;
  meta?: TruthMeta;
}

export interface Scorer {
  matchDoc(truth: unknown, pred: string): unknown;
  aggregate(docs: unknown[]): { f1: number; precision: number; recall: number };
}

export interface EvalSet {
  name: string;
  dir: string;
  pages: EvalPage[];
  scorer: Scorer;
}

export function zyteDir(): string {
  return process.env['PARLEY_EXTRACTION_DEV'] ?? join(projectRoot, '..', 'shared', 'eval', 'extraction', 'dev');
}

export function trafilaturaDir(): string {
  return process.env['PARLEY_EXTRACTION2'] ?? join(projectRoot, '..', 'shared', 'eval', 'extraction2');
}

/** Zyte's set: dev/<id>.html with dev/<id>.json {url, articleBody}; scored by ../score.mjs. */
export async function loadZyte(dir = zyteDir()): Promise<EvalSet> {
  const scorerPath = join(dir, '..', 'score.mjs');
  if (!existsSync(dir) || !existsSync(scorerPath)) {
    throw new Error(`extraction dev set not found at ${dir} (with ../score.mjs); set PARLEY_EXTRACTION_DEV`);
  }
  const scorer = (await import(pathToFileURL(scorerPath).href)) as Scorer;
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.html'.length);
      const meta = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as { url?: string; articleBody?: string };
      return { id, html: readFileSync(join(dir, f), 'utf8'), url: meta.url, truth: meta.articleBody ?? '' };
    });
  return { name: 'zyte', dir, pages, scorer };
}

/** Trafilatura's set: pages/<id>.html (bytes, decoded as the fetch stage does) and truth.jsonl; scored by score.mjs. */
export async function loadTrafilatura(dir = trafilaturaDir()): Promise<EvalSet> {
  const scorerPath = join(dir, 'score.mjs');
  const truthPath = join(dir, 'truth.jsonl');
  if (!existsSync(scorerPath) || !existsSync(truthPath)) {
    throw new Error(
      `second extraction set not found at ${dir} (score.mjs, truth.jsonl, pages/); set PARLEY_EXTRACTION2`,
    );
  }
  const scorer = (await import(pathToFileURL(scorerPath).href)) as Scorer;
  const pages = readFileSync(truthPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const row = JSON.parse(l) as { id: string; url?: string; meta?: TruthMeta };
      const html = decodeBody(readFileSync(join(dir, 'pages', `${row.id}.html`))).text;
      return { id: row.id, html, url: row.url, truth: row, meta: row.meta };
    });
  return { name: 'trafilatura', dir, pages, scorer };
}
