import type { Entity } from '../../shared/contracts.js';

/** Where in an article a phrase was found. */
export type Where = 'title' | 'lead' | 'body';

/** One phrase that counted towards a topic tag or the relevance score. */
export interface Evidence {
  /** The text as it appears in the article. */
  phrase: string;
  where: Where;
  /** The taxonomy rule (term, pattern or feature) that matched. */
  rule?: string;
  /** What this occurrence added to the score, after position and repetition. */
  weight?: number;
}

/** A person, organisation or place the article names (one type for every stage: shared/contracts.ts). */
export type { Entity } from '../../shared/contracts.js';

/** What the classify stage says about one article. */
export interface Classification {
  /** ISO 639-1 code of the language detected in the text; undefined when it cannot be told. */
  language?: string;
  /** Why the article was not scored ("language fr not supported"); absent when it was. */
  skipReason?: string;
  /** How strongly the article is about US–Russia diplomacy, in [0, 1]. */
  relevance: number;
  /** `relevance >= threshold`. */
  relevant: boolean;
  /** Topic ids, in taxonomy order. */
  topics: string[];
  evidence: { relevance: Evidence[]; topics: Record<string, Evidence[]> };
  entities: Entity[];
}

/** The article as the classifier reads it. */
export interface ClassifyInput {
  title: string;
  text: string;
}

/** A sentence with its position in the article. */
export interface Sentence {
  text: string;
  where: Where;
  /** Index among all sentences (title = 0 when present). */
  index: number;
  /** Relative depth in the article, 0 at the start, 1 at the end. */
  depth: number;
}
