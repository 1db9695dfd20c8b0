/**
 * Scores how much an article is about US–Russia diplomacy, from who acts on whom:
 * - titleBoth / titleOne: the title (or, when it names no side, the lead's first sentence) names
 *   actors of both sides / of one side;
 * - interaction: sentences naming a US and a Russian actor, weighted by position, full weight
 *   when a diplomatic verb or noun (meet, sanction, accuse, relations...) ties them, half otherwise
 *   (log-damped);
 * - actorBalance: the share of sentences naming the less-mentioned side (an article about Russia
 *   with one US mention, or the reverse, is unbalanced);
 * - domestic: density of cues of a US domestic story (probe, campaign, testimony...);
 * - titleDomestic: the title carries such a cue ("... in Russia probe");
 * - leadBoth: a lead sentence names both sides (the story's who-did-what, whatever the headline);
 * - words: the article's word unigrams and bigrams (word-features.ts), each with a fitted weight.
 * The score is a logistic function of these features with the fitted model's weights
 * (relevance-model.json, written by tools/fit-classifier.ts).
 */
import { compilePhrase, RuleScanner, type PhraseLanguage } from './phrase-pattern.js';
import type { ActorMention, Side } from './entity-tagger.js';
import { linearScore, sigmoid, type FeatureRow, type LinearModel } from './logistic.js';
import type { Taxonomy } from './taxonomy.js';
import { positionFactor } from './topic-scorer.js';
import type { Evidence, Sentence, Where } from './types.js';

/**
 * Weight of a both-sides sentence with no diplomatic verb, relative to one with a verb: chosen by
 * 5-fold cross-validated F1 on dev among 0, 0.1, 0.25, 0.5, 0.75 and 1 (tools/fit-relevance.ts).
 */
export const UNTIED_INTERACTION_FACTOR = 0.25;
/** Evidence items kept for relevance: the strongest for, then the first few against. */
export const MAX_RELEVANCE_EVIDENCE = 10;
/** Domestic-story cues reported as evidence against (weight below zero). */
export const MAX_DOMESTIC_EVIDENCE = 3;
/** Word features reported as evidence: the strongest for and against. */
export const MAX_WORD_EVIDENCE = 4;
/** Prefix of word features in a model ("w:sanctions", "w:russian hacker"). */
export const WORD_PREFIX = 'w:';

/** Feature values of one article (exposed for fitting and debugging). */
export interface RelevanceFeatures {
  titleBoth: number;
  titleOne: number;
  interaction: number;
  actorBalance: number;
  domestic: number;
  titleDomestic: number;
  leadBoth: number;
}

/** The dense feature names, in a fixed order. */
export const RELEVANCE_FEATURE_NAMES: Array<keyof RelevanceFeatures> = [
  'titleBoth',
  'titleOne',
  'interaction',
  'actorBalance',
  'domestic',
  'titleDomestic',
  'leadBoth',
];

/** A model's input row: the dense features and the article's words (value 1 each). */
export function relevanceRow(features: RelevanceFeatures, words: Iterable<string> = []): FeatureRow {
  const row: FeatureRow = new Map(RELEVANCE_FEATURE_NAMES.map((n) => [n, features[n]]));
  for (const w of words) row.set(WORD_PREFIX + w, 1);
  return row;
}

/** A relevance score in [0, 1] with its features and evidence. */
export interface RelevanceScore {
  score: number;
  features: RelevanceFeatures;
  evidence: Evidence[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Computes relevance; regexes are compiled once, here. */
export class RelevanceScorer {
  private readonly verbs: RuleScanner;
  private readonly domestic: RuleScanner;
  private readonly notDomestic: RuleScanner | null;

  /**
   * @param model the fitted weights; a taxonomy's own `relevance.weights`, when it has them,
   *   take their place (without word features).
   * @param lang the articles' language: Russian uses the taxonomy's `relevance.ru` phrase lists.
   */
  constructor(
    private readonly taxonomy: Taxonomy,
    private readonly model: LinearModel,
    lang: PhraseLanguage = 'en',
  ) {
    const unicode = lang !== 'en';
    const rules = (phrases: string[]) => phrases.map((p) => ({ name: p, weight: 1, ...compilePhrase(p, lang) }));
    const lists =
      lang === 'ru' ? (taxonomy.relevance.ru ?? { verbs: [], domesticCues: [], notDomestic: [] }) : taxonomy.relevance;
    this.verbs = new RuleScanner(rules(lists.verbs), unicode);
    this.domestic = new RuleScanner(rules(lists.domesticCues), unicode);
    this.notDomestic = lists.notDomestic.length ? new RuleScanner(rules(lists.notDomestic), unicode) : null;
  }

  /** The feature values of an article. */
  features(
    sentences: Sentence[],
    sides: Array<Set<Side>>,
    actors: ActorMention[],
    evidence: Evidence[] = [],
    against: Evidence[] = [],
  ): RelevanceFeatures {
    let interaction = 0;
    let usSentences = 0;
    let ruSentences = 0;
    let domesticHits = 0;
    let titleDomestic = 0;
    let leadBoth = 0;
    // Actors by sentence, once: filtering all actors for each sentence is quadratic on long texts.
    const actorsBySentence = new Map<number, ActorMention[]>();
    for (const a of actors) {
      const list = actorsBySentence.get(a.sentence);
      if (list) list.push(a);
      else actorsBySentence.set(a.sentence, [a]);
    }
    for (const s of sentences) {
      const named = sides[s.index]!;
      if (named.has('us')) usSentences++;
      if (named.has('russia')) ruSentences++;
      let cues = this.domestic.scan(s.text);
      const international = cues.length && this.notDomestic ? this.notDomestic.scan(s.text) : [];
      if (international.length)
        cues = cues.filter((c) => !international.some((x) => c.start < x.end && x.start < c.end));
      domesticHits += cues.length;
      if (s.where === 'title' && cues.length > 0) titleDomestic = 1;
      for (const cue of cues) {
        if (against.length < MAX_DOMESTIC_EVIDENCE)
          against.push({ phrase: cue.text, where: s.where, rule: 'domestic-story cue', weight: -1 });
      }
      if (named.size < 2) continue;
      if (s.where === 'lead') leadBoth = 1;
      const verb = this.verbs.scan(s.text)[0];
      const add = positionFactor(s, this.taxonomy.scoring) * (verb ? 1 : UNTIED_INTERACTION_FACTOR);
      interaction += add;
      const who = actorsBySentence.get(s.index) ?? [];
      const us = who.find((a) => a.side === 'us')!;
      const ru = who.find((a) => a.side === 'russia')!;
      const rule = s.where === 'title' ? 'title names both sides' : 'sentence names both sides';
      evidence.push({ phrase: us.phrase, where: s.where, rule: `${rule} (us)`, weight: round(add) });
      evidence.push({ phrase: ru.phrase, where: s.where, rule: `${rule} (russia)`, weight: round(add) });
      if (verb) evidence.push({ phrase: verb.text, where: s.where, rule: 'diplomatic verb', weight: round(add) });
    }
    const n = Math.max(1, sentences.length);
    // The headline's sides; a headline that names no side and no domestic-story cue ("Joint panel
    // to review ...") says nothing of who acts, so the lead's first sentence, which wire copy
    // writes to say it, stands in.
    const firstLead = sentences.findIndex((s) => s.where === 'lead');
    const headline = sentences[0]?.where === 'title' ? sides[0]!.size : 0;
    const title = headline > 0 || titleDomestic ? headline : firstLead >= 0 ? sides[firstLead]!.size : 0;
    return {
      titleBoth: title === 2 ? 1 : 0,
      titleOne: title === 1 ? 1 : 0,
      interaction: Math.log1p(interaction),
      actorBalance: Math.min(usSentences, ruSentences) / n,
      domestic: domesticHits / n,
      titleDomestic,
      leadBoth,
    };
  }

  /** Scores an article from its sentences; `words` are its word features with where each stands (word-features.ts). */
  score(
    sentences: Sentence[],
    sides: Array<Set<Side>>,
    actors: ActorMention[],
    words: Map<string, Where> = new Map(),
  ): RelevanceScore {
    const evidence: Evidence[] = [];
    const against: Evidence[] = [];
    const features = this.features(sentences, sides, actors, evidence, against);
    return this.scoreFeatures(features, evidence, against, words);
  }

  /** Scores already computed features (see {@link features}), with their evidence. */
  scoreFeatures(
    features: RelevanceFeatures,
    found: Evidence[],
    foundAgainst: Evidence[],
    words: Map<string, Where>,
  ): RelevanceScore {
    const evidence = found.map((e) => ({ ...e }));
    const against = foundAgainst.map((e) => ({ ...e }));
    const known = [...words.keys()].filter((w) => this.model.weights[WORD_PREFIX + w] !== undefined);
    const score = sigmoid(linearScore(this.model, relevanceRow(features, known)));
    evidence.sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
    const wDomestic = this.model.weights.domestic ?? 0;
    const perCue = features.domestic > 0 ? round((wDomestic * features.domestic) / Math.max(1, against.length)) : 0;
    for (const e of against) e.weight = perCue;
    const wordEvidence = known
      .map((w) => ({
        phrase: w,
        where: words.get(w)!,
        rule: 'word weight',
        weight: round(this.model.weights[WORD_PREFIX + w]!),
      }))
      .sort((a, b) => b.weight - a.weight);
    const wordsFor = wordEvidence.filter((e) => e.weight > 0).slice(0, MAX_WORD_EVIDENCE);
    const wordsAgainst = wordEvidence
      .filter((e) => e.weight < 0)
      .slice(-MAX_WORD_EVIDENCE)
      .reverse();
    return {
      score: round(score),
      features,
      evidence: [...evidence.slice(0, MAX_RELEVANCE_EVIDENCE), ...wordsFor, ...against, ...wordsAgainst],
    };
  }
}
