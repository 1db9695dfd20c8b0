/**
 * Turns taxonomy phrases into regular expressions, and scans text with many of them at once.
 *
 * Phrase syntax: words separated by spaces (matching any run of spaces or hyphens, after an
 * optional comma);
 * `(a|b)` alternatives for one word; `[a|b]` optional alternatives ("probe into [alleged|suspected]
 * Russian"); a trailing `*` takes any word ending ("sanction*");
 * an all-lowercase word also takes the regular endings -s, -es and 's ("talk" → "talks").
 * A phrase with an upper-case letter matches case-sensitively ("US", "INF"), except that its
 * lowercase words may start with a capital; other phrases ignore case.
 *
 * Russian phrases (`lang: ru`) cover inflection by pattern: a word in capitals (США, МИД) takes up
 * to two lowercase letters (МИДа); any other word drops a final vowel, й or ь and takes up to four
 * letters of ending (Лавров → Лаврова, Лавровым; Захарова → Захаровой; Кремль → Кремля; санкции →
 * санкциям); е and ё match each other. A word ending in `!` is taken exactly as written, for
 * forms whose stem changes (посол, посла!, послу!). Russian rules are scanned with Unicode-aware word boundaries.
 */

import { passFilter } from './rule-prefilter.js';

/** Languages a phrase can be written in. */
export type PhraseLanguage = 'en' | 'ru';

/** One compiled rule: its name, regex source and weight. */
export interface Rule {
  name: string;
  source: string;
  caseSensitive: boolean;
  weight: number;
}

/** A rule that matched, with its offsets in the scanned text. */
export interface RuleHit {
  rule: Rule;
  start: number;
  end: number;
  text: string;
}

const REGULAR_ENDING = "(?:s|es|'s|’s)?";
/** Letters a Russian word may add after its stem (the longest case endings: -ами, -иями). */
const RUSSIAN_ENDING = '[а-яё]{0,4}';
/** A capitalised word (a name) takes shorter endings (Лавровым), so Лавровский is not Лавров. */
const RUSSIAN_NAME_ENDING = '[а-яё]{0,3}';
/** A Russian acronym's endings (МИДа, ООН-овский is not covered). */
const RUSSIAN_ACRONYM_ENDING = '(?:-?[а-яё]{1,2})?';
/** A stem shorter than this keeps its final vowel (short words inflect too little to guess). */
const MIN_RUSSIAN_STEM = 3;
const WORD_GAP = ',?[\\s\\-‐–]+';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** е and ё are the same letter in most Russian print. */
function yo(s: string): string {
  return s.replace(/[её]/g, '[её]').replace(/[ЕЁ]/g, '[ЕЁ]');
}

function compileRussianWord(word: string): string {
  if (word.endsWith('!')) return yo(escape(word.slice(0, -1)));
  const star = word.endsWith('*');
  const bare = star ? word.slice(0, -1) : word;
  const first = bare[0] ?? '';
  const initial = (rest: string) =>
    /\p{Ll}/u.test(first) ? `[${first}${first.toUpperCase()}]${rest}` : `${first}${rest}`;
  if (star) return yo(initial(escape(bare.slice(1)))) + '[\\p{L}\\p{N}-]*';
  if (!/[а-яё]/i.test(bare)) return escape(bare); // a Latin word or a number inside a Russian phrase
  if (bare.length > 1 && bare === bare.toUpperCase()) return yo(escape(bare)) + RUSSIAN_ACRONYM_ENDING;
  const stem = bare.replace(/[аеёиоуыэюяйь]{1,2}$/i, '');
  const base = stem.length >= MIN_RUSSIAN_STEM ? stem : bare;
  return yo(initial(escape(base.slice(1)))) + (/\p{Lu}/u.test(first) ? RUSSIAN_NAME_ENDING : RUSSIAN_ENDING);
}

function compileWord(word: string, lang: PhraseLanguage = 'en'): string {
  if (/\s/.test(word))
    return word
      .split(/\s+/)
      .map((w) => compileWord(w, lang))
      .join(WORD_GAP);
  if (lang === 'ru') return compileRussianWord(word);
  const star = word.endsWith('*');
  const bare = star ? word.slice(0, -1) : word;
  // A lowercase word also matches with a capital first letter (sentence starts, title case), so
  // in a case-sensitive phrase "(Mueller|special counsel)" still finds "Special counsel".
  const first = bare[0] ?? '';
  const body = /[a-z]/.test(first) ? `[${first}${first.toUpperCase()}]${escape(bare.slice(1))}` : escape(bare);
  if (star) return `${body}[\\w’']*`;
  return /^[a-z]+$/.test(bare) ? body + REGULAR_ENDING : body;
}

/** Splits on the hyphens outside parentheses: "(Russia|US)-(linked|based)" is two parts. */
function splitHyphens(token: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '-' && depth === 0 && token[i - 1] === ')') {
      parts.push(token.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(token.slice(start));
  return parts;
}

function compileToken(token: string, lang: PhraseLanguage): string {
  const parts = splitHyphens(token);
  if (parts.length > 1) return parts.map((p) => compileToken(p, lang)).join('-');
  const alt = /^\((.+)\)$/.exec(token);
  if (!alt) return compileWord(token, lang);
  return `(?:${alt[1]!
    .split('|')
    .map((w) => compileWord(w, lang))
    .join('|')})`;
}

/** Compiles one phrase (see the module comment) into a regex source, without boundaries. */
export function compilePhrase(phrase: string, lang: PhraseLanguage = 'en'): { source: string; caseSensitive: boolean } {
  const tokens = phrase.trim().split(/\s+(?![^([]*[)\]])/);
  let source = '';
  tokens.forEach((token, i) => {
    const optional = /^\[(.+)\]$/.exec(token);
    if (optional) source += `(?:${compileToken(`(${optional[1]})`, lang)}${WORD_GAP})?`;
    else source += compileToken(token, lang) + (i < tokens.length - 1 ? WORD_GAP : '');
  });
  return {
    source,
    caseSensitive: /\p{Lu}/u.test(phrase),
  };
}

/** Makes the groups of a raw taxonomy regex non-capturing, so hits can be told apart by group. */
export function nonCapturing(source: string): string {
  return source.replace(/(?<!\\)\((?!\?)/g, '(?:');
}

/** Tells whether a regex source compiles (with the u flag for Russian rules); the error message if not. */
export function regexError(source: string, unicode = false): string | null {
  try {
    new RegExp(source, unicode ? 'u' : '');
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Many rules scanned as two combined regexes (case-sensitive and not), built once. A hit names
 * the rule through its capture group; at one position the longest rule source is tried first.
 */
export class RuleScanner {
  private readonly passes: Array<{ regex: RegExp; rules: Rule[]; filter: { mayMatch(text: string): boolean } }> = [];

  /** @param unicode Unicode word boundaries and the u flag (Russian rules). */
  constructor(rules: Rule[], unicode = false) {
    const [before, after] = unicode ? ['(?<![\\p{L}\\p{N}_])', '(?![\\p{L}\\p{N}_])'] : ["(?<![\\w’'])", '(?![\\w])'];
    const flags = unicode ? 'u' : '';
    for (const caseSensitive of [true, false]) {
      const group = rules
        .filter((r) => r.caseSensitive === caseSensitive)
        .sort((a, b) => b.source.length - a.source.length);
      if (group.length === 0) continue;
      const alternation = group.map((r) => `(${r.source})`).join('|');
      // Boundaries: not inside a word on either side.
      const regex = new RegExp(`${before}(?:${alternation})${after}`, (caseSensitive ? 'g' : 'gi') + flags);
      const filter = passFilter(
        group.map((r) => r.source),
        unicode,
      );
      this.passes.push({ regex, rules: group, filter });
    }
  }

  /** All non-overlapping hits of each pass, in text order. */
  scan(text: string): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const { regex, rules, filter } of this.passes) {
      if (!filter.mayMatch(text)) continue; // no rule of the pass can start anywhere in the text
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m; m = regex.exec(text)) {
        const at = m.findIndex((g, i) => i > 0 && g !== undefined);
        hits.push({ rule: rules[at - 1]!, start: m.index, end: m.index + m[0].length, text: m[0] });
        if (m[0].length === 0) regex.lastIndex++;
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }
}
