/**
 * The clean stage's vocabulary (vocabulary.yaml beside this file), validated with zod and compiled
 * once: navigation phrases, furniture and content words of class names, and the name fragments
 * that shift an element's score. A bad entry fails at load with a message that names it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const VOCABULARY_PATH = join(dirname(fileURLToPath(import.meta.url)), 'vocabulary.yaml');

/** The vocabulary file is missing, not YAML, or has a bad entry. */
export class VocabularyError extends Error {
  readonly code = 'VOCABULARY_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'VocabularyError';
  }
}

const regexSource = z
  .string()
  .min(1)
  .refine((s) => {
    try {
      new RegExp(s, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'is not a valid regular expression');
const classWord = z.string().regex(/^[a-z0-9]+$/, 'must be one lower-case word (letters and digits)');
const distinct = <T extends z.ZodType<string>>(item: T) =>
  z
    .array(item)
    .min(1)
    .refine((xs) => new Set(xs).size === xs.length, 'holds an entry twice');

const vocabularySchema = z.strictObject({
  navigation_phrases: distinct(regexSource),
  furniture_words: distinct(classWord),
  content_words: distinct(classWord),
  negative_name_fragments: distinct(regexSource),
  positive_name_fragments: distinct(regexSource),
  credit_leads: distinct(regexSource),
  figure_leads: distinct(regexSource),
  comment_words: distinct(regexSource),
  dateline_words: distinct(regexSource),
  byline_leads: distinct(regexSource),
  byline_date_words: distinct(regexSource),
  name_particles: distinct(regexSource),
});

export type Vocabulary = z.infer<typeof vocabularySchema>;

/** Validates a parsed vocabulary; throws VocabularyError naming the first bad entry. */
export function validateVocabulary(raw: unknown, source = VOCABULARY_PATH): Vocabulary {
  const parsed = vocabularySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.');
    const list = issue.path[0];
    const index = issue.path[1];
    const value =
      typeof list === 'string' && typeof index === 'number' && raw !== null && typeof raw === 'object'
        ? (raw as Record<string, unknown[] | undefined>)[list]?.[index]
        : undefined;
    throw new VocabularyError(
      `${source}: ${where}${value === undefined ? '' : ` (${JSON.stringify(value)})`}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** Reads and validates the vocabulary file. */
export function loadVocabulary(path = VOCABULARY_PATH): Vocabulary {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new VocabularyError(
      `${path}: cannot read the vocabulary: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return validateVocabulary(raw, path);
}

const vocabulary = loadVocabulary();

/** A whole line of navigation chrome, with optional trailing punctuation. */
export const NAVIGATION_LINE_RE = new RegExp(`^(?:${vocabulary.navigation_phrases.join('|')})[.!:…]*$`, 'i');
/** Words of class/id parts that name furniture. */
export const FURNITURE_WORDS: ReadonlySet<string> = new Set(vocabulary.furniture_words);
/** Last class parts that name the main text. */
export const CONTENT_WORDS: ReadonlySet<string> = new Set(vocabulary.content_words);
/** Any furniture word anywhere in a class or id: the fast path that rules most elements out. */
export const FURNITURE_ANY_RE = new RegExp(vocabulary.furniture_words.join('|'), 'i');
export const NEGATIVE_NAME_RE = new RegExp(vocabulary.negative_name_fragments.join('|'), 'i');
export const POSITIVE_NAME_RE = new RegExp(vocabulary.positive_name_fragments.join('|'), 'i');
/**
 * A credit or source line in another language than English ("Foto: Jane Roe", "Fot. Jan Nowak"):
 * a lead word and a colon, or a lead abbreviation and a space.
 */
export const CREDIT_LEAD_RE = new RegExp(`^(?:${vocabulary.credit_leads.join('|')})(?:\\s*[:：]|(?<=\\.)\\s)`, 'iu');
/**
 * A figure's caption: a figure word, an optional number and a colon ("Figure 3:", "Abbildung:",
 * "Rys. 2:"), in any language of vocabulary.yaml.
 */
export const FIGURE_LEAD_RE = new RegExp(`^(?:${vocabulary.figure_leads.join('|')})\\s*\\d*[a-z]?\\s*[:：]`, 'iu');
/** A comment count heading in another language than English: "12 Kommentare", "3 commentaires". */
export const COMMENT_COUNT_RE = new RegExp(`^\\d+\\s+(?:${vocabulary.comment_words.join('|')})$`, 'iu');
/** Words around a numeric date on a dateline in another language than English: "Aktualisiert am". */
export const DATELINE_WORDS_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${vocabulary.dateline_words.join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);
/** The word(s) before an author's name in a byline, with the space after them (which page text sometimes lacks). */
export const BYLINE_LEAD_RE = new RegExp(`^(?:${vocabulary.byline_leads.join('|')})(?:\\s+|(?=\\p{Lu}))`, 'iu');
/** A lead word inside a text, before a capitalised name ("Alle Beiträge von Jane Roe"), at the space before it. */
export const INNER_BYLINE_LEAD_RE = new RegExp(`\\s(?=(?:${vocabulary.byline_leads.join('|')})\\s+\\p{Lu})`, 'giu');
/**
 * Where a name in a byline ends: a date, or a word that introduces one ("on", "am", "le"), then a
 * digit ("Jane Roe am 29.12.2010", "Jane Roe on 11/08/2020").
 */
export const NAME_THEN_DATE_RE = new RegExp(`\\s+(?:(?:${vocabulary.byline_date_words.join('|')})\\s+)?\\d.*$`, 'iu');
/**
 * A lower-case date word left at the end of a name when the date itself stands apart ("R. R. am"
 * above a separate date). Case-sensitive: "Le" and "Em" are also surnames.
 */
export const NAME_THEN_DATE_WORD_RE = new RegExp(`\\s+(?:${vocabulary.byline_date_words.join('|')})$`, 'u');
/** Lower-case words that belong inside a person's name ("von", "de", "van der"). */
export const NAME_PARTICLE_RE = new RegExp(`^(?:${vocabulary.name_particles.join('|')})$`, 'u');
