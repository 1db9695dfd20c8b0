/**
 * The topic taxonomy and relevance rules, as data (taxonomy.yaml beside this file), validated
 * with zod at start-up. Errors name the topic and field: `topic "iran" terms[2].weight: ...`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { compilePhrase, nonCapturing, regexError } from './phrase-pattern.js';
import { TaxonomyError } from './taxonomy-error.js';

/** The taxonomy shipped with the stage. */
export const DEFAULT_TAXONOMY_PATH = join(dirname(fileURLToPath(import.meta.url)), 'taxonomy.yaml');

const phrase = z.string().trim().min(1, 'must be a non-empty phrase');
const weight = z.number().positive('must be a positive number');
const side = z.enum(['us', 'russia']);

/** The language a term is written in; English unless it says so. */
const lang = z.enum(['en', 'ru']).default('en');
const termSchema = z.object({ phrase, weight: weight.default(1), lang }).strict();
const patternSchema = z
  .object({ regex: z.string().min(1), weight: weight.default(1), caseSensitive: z.boolean().default(false), lang })
  .strict();
/** The Russian counterparts of the relevance phrase lists. */
const russianRelevanceSchema = z
  .object({
    verbs: z.array(phrase).min(1),
    domesticCues: z.array(phrase).default([]),
    notDomestic: z.array(phrase).default([]),
  })
  .strict();

const topicSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a kebab-case id such as "arms-control"'),
    threshold: weight.optional(),
    requireActors: z.array(side).optional(),
    terms: z.array(termSchema).default([]),
    patterns: z.array(patternSchema).default([]),
    exclude: z.array(phrase).default([]),
    excludeSentences: z.array(phrase).default([]),
  })
  .strict()
  .refine((t) => t.terms.length + t.patterns.length > 0, {
    message: 'needs at least one term or pattern',
    path: ['terms'],
  });

const positionSchema = z.object({ title: weight, lead: weight, body: weight }).strict();

const taxonomySchema = z
  .object({
    scoring: z
      .object({
        position: positionSchema,
        deepBodyFrom: z.number().min(0).max(1),
        deepBodyFactor: weight,
        defaultThreshold: weight,
      })
      .strict(),
    topics: z.array(topicSchema).min(1, 'must list at least one topic'),
    relevance: z
      .object({
        verbs: z.array(phrase).min(1),
        domesticCues: z.array(phrase).default([]),
        notDomestic: z.array(phrase).default([]),
        notActor: z.array(phrase).default([]),
        weights: z.record(z.string(), z.number()).optional(),
        ru: russianRelevanceSchema.optional(),
      })
      .strict(),
  })
  .strict();

/** A validated taxonomy. */
export type Taxonomy = z.infer<typeof taxonomySchema>;
/** One topic of a taxonomy. */
export type Topic = Taxonomy['topics'][number];

/**
 * Relevance weights a taxonomy may give instead of the fitted model (classifier-model.json); a
 * taxonomy that gives weights must give each of these.
 */
export const RELEVANCE_WEIGHT_NAMES = [
  'bias',
  'titleBoth',
  'titleOne',
  'interaction',
  'actorBalance',
  'domestic',
  'titleDomestic',
] as const;

function describePath(raw: unknown, path: PropertyKey[]): string {
  if (path[0] === 'topics' && typeof path[1] === 'number') {
    const topics = (raw as { topics?: Array<{ id?: unknown }> })?.topics;
    const id = topics?.[path[1]]?.id;
    const label = typeof id === 'string' ? `topic "${id}"` : `topics[${path[1]}]`;
    return `${label} ${fieldPath(path.slice(2)) || '(the topic itself)'}`;
  }
  return fieldPath(path) || '(top level)';
}

function fieldPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** Checks what the schema cannot: unique ids, phrases and regexes that compile, known weights. */
function checkSemantics(t: Taxonomy): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const topic of t.topics) {
    if (seen.has(topic.id)) problems.push(`topic "${topic.id}" id: duplicate topic id`);
    seen.add(topic.id);
    topic.terms.forEach((term, i) => {
      const err = regexError(compilePhrase(term.phrase, term.lang).source, term.lang === 'ru');
      if (err)
        problems.push(
          `topic "${topic.id}" terms[${i}].phrase: ${JSON.stringify(term.phrase)} does not compile: ${err}`,
        );
    });
    topic.exclude.forEach((ex, i) => {
      const err = regexError(compilePhrase(ex).source);
      if (err) problems.push(`topic "${topic.id}" exclude[${i}]: ${JSON.stringify(ex)} does not compile: ${err}`);
    });
    topic.excludeSentences.forEach((ex, i) => {
      const err = regexError(compilePhrase(ex).source);
      if (err)
        problems.push(`topic "${topic.id}" excludeSentences[${i}]: ${JSON.stringify(ex)} does not compile: ${err}`);
    });
    topic.patterns.forEach((p, i) => {
      const err = regexError(nonCapturing(p.regex), p.lang === 'ru');
      if (err)
        problems.push(
          `topic "${topic.id}" patterns[${i}].regex: ${JSON.stringify(p.regex)} is not a valid regex: ${err}`,
        );
    });
  }
  for (const [field, list] of [
    ['verbs', t.relevance.verbs],
    ['domesticCues', t.relevance.domesticCues],
    ['notDomestic', t.relevance.notDomestic],
    ['notActor', t.relevance.notActor],
  ] as const) {
    list.forEach((p, i) => {
      const err = regexError(compilePhrase(p).source);
      if (err) problems.push(`relevance.${field}[${i}]: ${JSON.stringify(p)} does not compile: ${err}`);
    });
  }
  const ru = t.relevance.ru;
  for (const [field, list] of ru
    ? ([
        ['verbs', ru.verbs],
        ['domesticCues', ru.domesticCues],
        ['notDomestic', ru.notDomestic],
      ] as const)
    : []) {
    list.forEach((p, i) => {
      const err = regexError(compilePhrase(p, 'ru').source, true);
      if (err) problems.push(`relevance.ru.${field}[${i}]: ${JSON.stringify(p)} does not compile: ${err}`);
    });
  }
  const weights = t.relevance.weights;
  for (const name of weights ? RELEVANCE_WEIGHT_NAMES : []) {
    if (typeof weights![name] !== 'number') problems.push(`relevance.weights.${name}: missing (a number is required)`);
  }
  return problems;
}

/** Validates an already-parsed taxonomy object; `source` names it in errors. */
export function validateTaxonomy(raw: unknown, source = 'taxonomy'): Taxonomy {
  const parsed = taxonomySchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${describePath(raw, i.path)}: ${i.message}`);
    throw new TaxonomyError(`invalid taxonomy ${source}:\n  ${lines.join('\n  ')}`);
  }
  const problems = checkSemantics(parsed.data);
  if (problems.length) throw new TaxonomyError(`invalid taxonomy ${source}:\n  ${problems.join('\n  ')}`);
  return parsed.data;
}

/** Reads a YAML or JSON file's content, naming the file when that fails. */
export function readDataFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new TaxonomyError(`cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new TaxonomyError(
      `${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message}`,
    );
  }
}

/** Loads and validates a taxonomy file (YAML, or JSON by extension); the shipped one by default. */
export function loadTaxonomy(path: string = DEFAULT_TAXONOMY_PATH): Taxonomy {
  return validateTaxonomy(readDataFile(path), path);
}
