/**
 * Authors' names: cleaned from author fields ("By Jane Roe, Staff Writer"), read from bylines in
 * any language whose lead words vocabulary.yaml lists ("By", "von", "par"), and checked against
 * the site's own name, which some pages put in their author fields.
 */
import {
  BYLINE_LEAD_RE,
  INNER_BYLINE_LEAD_RE,
  NAME_PARTICLE_RE,
  NAME_THEN_DATE_RE,
  NAME_THEN_DATE_WORD_RE,
} from './vocabulary.js';
import { str, type JsonObject, type MetaSources } from './meta-sources.js';

const BYLINE_NAME_RE =
  /^by\s+(.{2,80}?)(?:\s*[,|•·]\s*|\s+[-–—]\s+|\s+\d|\s+(?:on|updated|published)\s+|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\s*$)/i;
const URL_LIKE_RE = /^https?:\/\//i;
const BY_PREFIX_RE = /^by\s+/i;
/** A social-media handle after a name ("Jane Roe @janeroe", "Jane Roe (@janeroe)"). */
const HANDLE_RE = /\s+\(?@[\w.]+\)?\s*$/u;
const OUTLET_SEPARATOR_RE = /\s+[|/]\s+/;
/** Words of a job title or an outlet after a comma in an author field. */
const ROLE_OR_OUTLET_RE =
  /writer|editor|correspondent|reporter|staff|columnist|contributor|producer|analyst|\.com|news|media|press|times|post|journal|magazine|agency/i;
/** One word alone, as an outlet after a name is ("CNN", "dpa"). */
const ONE_WORD_RE = /^\s*(?!(?:jr|sr|ii|iii|iv|phd|md)\.?\s*$)[\p{L}\p{N}.-]+\s*$/iu;
const AUTHOR_SPLIT_RE = /\s*(?:,|\b(?:and|und|et|y|e|i|en|oraz)\b|&)\s*/;
/** A name has at most this many words. */
const MAX_NAME_WORDS = 4;
const NAME_SHAPE_RE = /^[\p{L}][\p{L}\p{M}\d_.'’ -]*$/u;

/**
 * Name-shaped: letters, at most MAX_NAME_WORDS words, each after the first capitalised but for
 * particles ("von", "de"); the first may be a lower-case handle ("jdoe", "example.org Redaktion").
 */
function readsAsName(name: string): boolean {
  const words = name.split(' ');
  if (!NAME_SHAPE_RE.test(name) || words.length > MAX_NAME_WORDS) return false;
  return words.slice(1).every((w) => !/^\p{Ll}/u.test(w) || NAME_PARTICLE_RE.test(w));
}

/** The capitalised words (and particles between them) at the start of a text: "Jane Roe anzeigen" → "Jane Roe". */
function leadingName(text: string): string {
  const words: string[] = [];
  for (const w of text.trim().split(/\s+/)) {
    if (/^\p{Lu}/u.test(w)) words.push(w);
    else if (words.length > 0 && NAME_PARTICLE_RE.test(w)) words.push(w);
    else break;
  }
  while (words.length > 0 && NAME_PARTICLE_RE.test(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/** The author named by a rel="author" link or an element named "author", when it reads as a name. */
export function linkedOrClassAuthor(sources: MetaSources): string[] {
  for (const raw of [...sources.relAuthors, ...sources.classAuthors]) {
    const name = cleanAuthorName(raw.replace(BYLINE_LEAD_RE, ''));
    if (name === undefined || BYLINE_LEAD_RE.test(`${name} `)) continue; // a lead word alone ("By") names no one
    if (readsAsName(name)) return [name];
    // "Alle Beiträge von Jane Roe": the name follows the last lead word.
    const inner = [...raw.matchAll(INNER_BYLINE_LEAD_RE)].pop();
    const after =
      inner === undefined
        ? undefined
        : cleanAuthorName(leadingName(raw.slice(inner.index + 1).replace(BYLINE_LEAD_RE, '')));
    if (after !== undefined && readsAsName(after)) return [after];
  }
  return [];
}

/** The names in a JSON-LD author value (a name, a Person, or a list of them). */
export function names(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const v of list) {
    const name = typeof v === 'object' && v !== null ? str((v as JsonObject)['name']) : str(v);
    const clean = name === undefined ? undefined : cleanAuthorName(name);
    if (clean !== undefined) out.push(clean);
  }
  return out;
}

/**
 * A person's name from an author field: without a leading "By", a trailing role or outlet
 * ("Jane Roe, AP Auto Writer", "Jane Roe | Example Media") and all-capitals; undefined for URLs.
 */
export function cleanAuthorName(raw: string): string | undefined {
  if (URL_LIKE_RE.test(raw)) return undefined;
  let name = raw
    .replace(BY_PREFIX_RE, '')
    .replace(BYLINE_LEAD_RE, '')
    .split(OUTLET_SEPARATOR_RE)[0]!
    .replace(HANDLE_RE, '')
    .replace(NAME_THEN_DATE_RE, '');
  const comma = name.indexOf(',');
  // After a comma, a role, an outlet or one lone word ("Jane Roe, CNN") is not a second name.
  if (comma > 0 && (ROLE_OR_OUTLET_RE.test(name.slice(comma)) || ONE_WORD_RE.test(name.slice(comma + 1))))
    name = name.slice(0, comma);
  name = name.trim();
  if (name.length > 3 && name === name.toUpperCase() && /\p{Lu}/u.test(name)) {
    name = name.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
  }
  return name === '' ? undefined : name;
}

/** Bylines are short: a longer line that starts with a lead word ("Von Berlin aus ...") is prose. */
const MAX_BYLINE_CHARS = 100;

/**
 * The authors named by a byline line such as "By Jane Roe and John Doe, Staff Writers", "von
 * Andreas Kürten" or "par Didier Roy, 21 juin 2018": a lead word from vocabulary.yaml, then
 * name-shaped words (capitalised, at most MAX_NAME_WORDS each) up to a date, a comma or a bar.
 */
export function authorsFromByline(line: string): string[] {
  const trimmed = line.trim();
  if (trimmed.length > MAX_BYLINE_CHARS) return [];
  const lead = BYLINE_LEAD_RE.exec(trimmed);
  if (lead === null) return [];
  const m = BYLINE_NAME_RE.exec(`by ${trimmed.slice(lead[0].length)}`);
  if (!m?.[1]) return [];
  return m[1]
    .replace(NAME_THEN_DATE_WORD_RE, '') // "Von R. R. am 07.08.2013": the name stopped at the digit, not at "am"
    .split(AUTHOR_SPLIT_RE)
    .map((s) => s.trim())
    .filter(
      (s) => s.length > 1 && /^\p{Lu}/u.test(s) && NAME_SHAPE_RE.test(s) && s.split(/\s+/).length <= MAX_NAME_WORDS,
    );
}

/** Author fields that name an account, not a person. */
const ACCOUNT_NAME_RE = /^(?:\w*admin(?:istrator)?|webmaster|root|user\d*|guest|gast|anonym(?:ous)?|unknown)$/i;
/** A web address or domain name ("example.com", "www.example.de"). */
const DOMAIN_RE = /(?:^www\.|\.(?:com|net|org|de|at|ch|fr|es|it|pl|nl|eu|info|io|co\.uk)$)/i;

/** Letters and digits only, lower case: "L'Opinion" and "lopinion" compare equal. */
const compact = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** True when the name is the site's own (its declared name, its host, a domain) or an account name. */
export function isSiteOrAccountName(name: string, siteNames: readonly (string | undefined)[]): boolean {
  if (ACCOUNT_NAME_RE.test(name.trim()) || DOMAIN_RE.test(name.trim())) return true;
  const key = compact(name);
  if (key === '') return true;
  if (siteNames.some((s) => s !== undefined && compact(s) === key)) return true;
  return false;
}

/**
 * The first candidate list that names people, without the names that are the site's or an account's;
 * when none does, the first list that names anyone (an organisation signing its own page).
 */
export function firstPersonNames(
  candidates: readonly (readonly string[])[],
  siteNames: readonly (string | undefined)[],
): string[] {
  for (const list of candidates) {
    const people = list.filter((n) => !isSiteOrAccountName(n, siteNames));
    if (people.length > 0) return [...new Set(people)];
  }
  // No source names a person: the organisation that signs the page is its author after all.
  const signed = candidates.find((list) => list.length > 0);
  return signed === undefined ? [] : [...new Set(signed)];
}
