/**
 * PostgreSQL: what a search asks of the index of word pairs (phrase-index.ts) — whether it serves
 * the search, how many candidates the planner expects, and the total — for ArticleReads.
 */
import type { FilterSql } from './article-filters.js';
import { EXACT_TOTAL_UP_TO, PHRASE_CANDIDATES } from './dialect.js';
import { PAIRS_PENDING_AT_MOST, type PairIndexSql } from './phrase-index.js';
import { plannedRows } from './planned-rows.js';
import type { SqlClient } from './sql-client.js';

/** The index's statements for a search it serves, and the planner's estimate of its candidates. */
export interface ServedByPairs {
  sql: PairIndexSql;
  candidates: number;
}

export class PhraseReads {
  private readonly served = new WeakMap<FilterSql, Promise<ServedByPairs | null>>();

  constructor(
    private readonly db: SqlClient,
    private readonly sql: PairIndexSql,
  ) {}

  /**
   * Whether the index serves a search (a phrase with adjacent words, PAIRS_PENDING_AT_MOST articles
   * pending at most), with the planner's estimate of its candidates; asked once per query.
   */
  servedBy(f: FilterSql): Promise<ServedByPairs | null> {
    if (!f.search || !this.sql.serves(String(f.params[0]))) return Promise.resolve(null);
    const known = this.served.get(f);
    if (known) return known;
    const asked = (async () => {
      const [candidates, [pending]] = await Promise.all([
        plannedRows(this.db, this.sql.estimateSql(f.search!), [f.params[0]!]),
        this.db.query<{ n: number | string }>(this.sql.pendingSql(PAIRS_PENDING_AT_MOST)),
      ]);
      if (Number(pending?.n ?? 0) > PAIRS_PENDING_AT_MOST) return null;
      return { sql: this.sql, candidates };
    })();
    this.served.set(f, asked);
    return asked;
  }

  /**
   * A served search's total, up to EXACT_TOTAL_UP_TO + 1: a two-word phrase alone by its pairs
   * (exact), else among PHRASE_CANDIDATES of its candidates (`bounded`: at least n). Null when not served.
   */
  async count(f: FilterSql): Promise<{ n: number; bounded: boolean } | null> {
    if (!f.search || !(await this.servedBy(f))) return null;
    const search = String(f.params[0]);
    if (this.sql.isOnePair(search) && !f.where) {
      const [row] = await this.db.query<{ n: number | string }>(this.sql.countSql(f.search, EXACT_TOTAL_UP_TO + 1), [
        search,
      ]);
      return { n: Number(row?.n ?? 0), bounded: false };
    }
    const [row] = await this.db.query<{ n: number | string; seen: number | string }>(
      this.sql.phraseCount(f.search, f.where, PHRASE_CANDIDATES),
      f.params,
    );
    return { n: Number(row?.n ?? 0), bounded: Number(row?.seen ?? 0) >= PHRASE_CANDIDATES };
  }
}
