/**
 * Families of page boilerplate recognised on one line of text, each by its general shape (a phrase
 * family plus a length bound), never by a string taken from one page. Used by the plain-text
 * cleaner and, for the text of small blocks, by the HTML extractor. Navigation phrases live in
 * vocabulary.yaml.
 */
import {
  COMMENT_COUNT_RE,
  CREDIT_LEAD_RE,
  FIGURE_LEAD_RE,
  DATELINE_WORDS_RE,
  NAVIGATION_LINE_RE,
} from './vocabulary.js';
import { countWords } from './word-count.js';

/** Lines longer than this (in words) are article prose, whatever phrase they contain. */
const MAX_WORDS_NAV = 6; // "Skip to main content", "Back to top": a handful of words
const MAX_WORDS_PROMO = 30; // a paywall pitch is one or two short sentences
const MAX_WORDS_CREDIT = 15; // "Photo source: AFP / East News", "Source: Xinhua"
const MAX_WORDS_BYLINE = 12; // "By bne IntelliNews April 12, 2017"
const MAX_WORDS_COMMENT_MARKER = 12; // "Please enter your comment!", "12 Comments"
const MAX_WORDS_COMMENTER_NAME = 5; // "1. Florian Sohnke"

/**
 * Character caps checked before any pattern, so long paragraphs cost one comparison: a line longer
 * than its family's word cap times this cannot belong to the family.
 */
const MAX_CHARS_PER_WORD = 12;
/** Photo captions with agency credits can be long, but not longer than this. */
const MAX_CAPTION_CHARS = 600;

/** Chinese and Japanese are written without spaces: every this many characters count as one word. */
const CJK_CHARS_PER_WORD = 2;
const CJK_HINT_RE = /[\u3040-\u30ff\u3400-\u9fff]/;
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/** Number of words (letter/digit runs; in Chinese and Japanese text, pairs of characters) in a line. */
export function wordCount(line: string): number {
  const cjk = CJK_HINT_RE.test(line) ? (line.match(CJK_RE)?.length ?? 0) : 0;
  const words = countWords(line);
  return cjk === 0 ? words : words + Math.floor(cjk / CJK_CHARS_PER_WORD);
}

/** Site navigation and sharing chrome: "Skip to main content", "Share this article", "Menu". */
export function isNavigationLine(line: string): boolean {
  if (line.length > MAX_WORDS_NAV * MAX_CHARS_PER_WORD) return false;
  return NAVIGATION_LINE_RE.test(line) && wordCount(line) <= MAX_WORDS_NAV;
}

const PROMO_RES: readonly RegExp[] = [
  /^subscribe\b/i, // "Subscribe", "Subscribe now", "Subscribe to our newsletter"
  /^(?:sign up|log ?in|sign in|create (?:a|an|your) (?:free )?account)\b|^register (?:now|today|here|for free|to)\b/i,
  /^already (?:a|an) (?:subscriber|member)|^already have an account/i,
  /^join (?:our|the)\b.*\b(?:community|readers|newsletter|mailing list|members?|subscribers)\b/i,
  /^(?:get |gain |enjoy |unlock )?(?:unlimited |full |digital |instant |exclusive )?access (?:to )?(?:the|all|our|every|unlimited|premium)\b/i,
  /\b(?:news|analysis|journalism|reporting|coverage) (?:and [a-z]+ )?you can trust\b/i,
  /\bsubscribers? only\b|\bbecome a (?:subscriber|member)\b/i,
  // Imperative pleas only: "Support for the deal among US lawmakers" is news.
  /^(?:please )?(?:support|donate to|help fund) (?:our|independent|quality|local|public) (?:journalism|reporting|news)|^(?:please )?support us\b/,
  /^(?:sign up for|get) (?:our|the) (?:free )?(?:daily |weekly )?newsletters?\b/i,
  /^(?:this (?:article|content|story) is (?:for|available to) (?:subscribers|members))/i,
  /\bsubscribe to\b.*\bnewsletters?\b|\bin your inbox\b|^have a (?:news )?tip\b/i,
  // A price in a subscription pitch: "12 issues for £11.99", "subscriptions ... for Rs 599"
  /\b\d+\s+issues\s+for\b|\bsubscri\w*\b.*(?:[$€£₹]|\brs\.?)\s?\d|(?:[$€£₹]|\brs\.?)\s?\d.*\bsubscri/i,
  /^follow (?:us|him|her|them|\p{Lu}[\w.]*'s)\b.*(?:twitter|facebook|instagram|coverage|@)/iu,
  /\[[a-z_]+\s+[a-z_]+=[^\]]*\]|\[\/[a-z_]+\]/, // leftover CMS shortcodes: "[button link=...]...[/button]"
];
/** A bare price line ("Only $100 per year."): a few words at most, else it is a sentence about money. */
const PRICE_LINE_RE =
  /^(?:only |just )?(?:[$€£]|us\$|usd ?)\s?\d[\d.,]*\s*(?:\/|per|a|an|each)\s*(?:year|month|week|day|yr|mo)\b/i;
const MAX_WORDS_PRICE_LINE = 6;

/** Subscription and paywall pitches: "Subscribe", "Only $100 per year.", "Join our community of ...". */
export function isPromoLine(line: string): boolean {
  if (line.length > MAX_WORDS_PROMO * MAX_CHARS_PER_WORD) return false;
  if (PRICE_LINE_RE.test(line) && wordCount(line) <= MAX_WORDS_PRICE_LINE) return true;
  return PROMO_RES.some((re) => re.test(line)) && wordCount(line) <= MAX_WORDS_PROMO;
}

const COMMENT_MARKER_RES: readonly RegExp[] = [
  /^please enter your (?:comment|name|e-?mail|website)/i,
  /^(?:leave|post|add|write|submit) (?:a|your) (?:reply|comment|response)/i,
  /^comments? (?:are|is) (?:now )?closed/i,
  /^\d+\s+(?:comments?|responses?|replies|thoughts)(?:\s+(?:on|to)\b.*)?$/i, // "12 Comments", "3 thoughts on “Title”"
  // Bare headings only; "Discussion" or "Responses" alone may head a section of the article itself.
  /^(?:comments?|reader comments|join the (?:discussion|conversation))(?:\s*\(\d+\))?:?$/i,
  /^(?:pingback|trackback)\s*:/i,
  /^you must be (?:logged|signed) in to (?:post|leave|comment)/i,
  /^(?:view|show|load|read|see) (?:all )?(?:\d+ )?comments?\b/i,
  /^your e-?mail address will not be published/i,
  /^tell us what you think\b/i,
  /^(?:[\p{Lu}@][\p{L}\d_.'’-]*\s){1,4}says:$/u, // "Jane Doe says:" (a WordPress comment header), not "The statement says:"
  COMMENT_COUNT_RE, // "12 Kommentare", "3 commentaires": the languages of vocabulary.yaml
];

/** The start of a comment section; everything after it on the page is comments. */
export function isCommentMarker(line: string): boolean {
  if (line.length > MAX_WORDS_COMMENT_MARKER * MAX_CHARS_PER_WORD) return false;
  return COMMENT_MARKER_RES.some((re) => re.test(line)) && wordCount(line) <= MAX_WORDS_COMMENT_MARKER;
}

const NUMBERED_ITEM_RE = /^\d{1,3}[.)]\s+(.+)$/;
const NAME_WORD_RE =
  /^(?:[\p{Lu}@][\p{L}'’.-]*|[a-z][\w.-]*\d[\w.-]*|(?:de|van|von|der|al|bin|la|le|du|da)|[\p{Lu}]\.)$/u;

/**
 * A numbered comment header such as "1. Florian Sohnke": a list number, then a short name-shaped
 * text (capitalised words or a handle) with no sentence punctuation. The caller confirms it by the
 * indented comment text that follows.
 */
export function isNumberedNameLine(line: string): boolean {
  const m = NUMBERED_ITEM_RE.exec(line);
  const rest = m?.[1];
  if (rest === undefined || /[.!?,;:]$/.test(rest)) return false;
  const words = rest.split(' ');
  return words.length <= MAX_WORDS_COMMENTER_NAME && words.every((w) => NAME_WORD_RE.test(w));
}

const CREDIT_RES: readonly RegExp[] = [
  /^(?:photo|image|picture|graphic|video|illustration|cover|top|main|file|feature|header)?\s*(?:photo|image|picture|graphic|illustration|photograph)s?(?:\s+(?:source|credit|courtesy|by|via))?\s*[:：]/i,
  /^(?:credits?|sources?|via|courtesy(?: of)?|photo credit)\s*[:：]/i,
  /^(?:\[[^\]]{1,80}\]\s*)+$/, // "[New York Times][Photo: Associated Press]"
  /^\(?(?:photo|image|picture)s?\s*(?:by|courtesy of|credit)\b/i,
  /^(?:photo |image )?courtesy of\b/i,
  CREDIT_LEAD_RE, // "Foto: Jane Roe", "Fuente: Reuters": the languages of vocabulary.yaml
];

/** Agency photo credits inside a caption: "REUTERS/Name", "(AP Photo/Name)", "AFP PHOTO", "Getty Images". */
const AGENCY_CREDIT_RE =
  /\bREUTERS\s*\/|\bAP Photo\s*\/|\(AP Photo\b|\bAFP PHOTO\b|\/\s*AFP\b|\bAFP\s*\/\s*Getty\b|\/\s*Getty Images\b|\bEPA\s*\/|\bEPA-EFE\b|\bSputnik\s*\/\s*\p{Lu}|\bTASS\s*\/\s*\p{Lu}/u;
/**
 * A picture credit that ends a caption: "©" and a name of a few words ("… in Bremen. © CAE",
 * "© dpa | Kay Nietfeld", "photos © Inexhibit, 2018"). A year after "©" is a copyright notice
 * ("Copyright © 2018. All Rights Reserved."), the site's footer, which the extractor leaves to the
 * article's edges and the word floor.
 */
const END_CREDIT_RE = /©\s*(?!\d)\S+(?:\s+\S+){0,5}\s*$/u;
/** Reuters picture codes and tags: "(RUSSIA - Tags: POLITICS) - RTXZE4K". */
const PICTURE_CODE_RE = /\s-\s?RTX[0-9A-Z]{3,}\s*$|\(\p{Lu}[\p{Lu} ]* - Tags: /u;
/**
 * Position markers that only photo captions use: "(L)", "(2nd R)", "(C)". A lone "(R)" is left out:
 * US political text uses it for Republicans ("Gov. Kristi Noem (R) said ...").
 */
const CAPTION_POSITION_RE = /\((?:\d(?:st|nd|rd|th)\s(?:L|R|C|left|right)|L|C|left|right|centre|center)\)/;

/** Photo captions and credits, figure captions ("Figure 3: …"), and "Source: X" attribution lines. */
export function isCreditOrCaption(line: string): boolean {
  if (line.length > MAX_CAPTION_CHARS) return false;
  if (
    AGENCY_CREDIT_RE.test(line) ||
    PICTURE_CODE_RE.test(line) ||
    CAPTION_POSITION_RE.test(line) ||
    END_CREDIT_RE.test(line) ||
    FIGURE_LEAD_RE.test(line)
  )
    return true;
  if (line.length > MAX_WORDS_CREDIT * MAX_CHARS_PER_WORD) return false;
  return CREDIT_RES.some((re) => re.test(line)) && wordCount(line) <= MAX_WORDS_CREDIT;
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?';
/** Date and time tokens, and the words that usually surround them on a dateline. */
const DATE_TOKENS_RE = new RegExp(
  [
    `\\b${MONTH}\\b`,
    `\\b${WEEKDAY}\\b`,
    '\\b\\d{1,4}(?:st|nd|rd|th)?\\b',
    '\\b(?:published|updated|posted|last|first|modified|on|at|am|pm|gmt|utc|[a-z]{1,2}[sd]t|msk|cet|cest|edt|est|pst|pdt)\\b',
    '\\b[ap]\\.m\\.',
    '[-–—|,:/.()•·]',
  ].join('|'),
  'gi',
);
const HAS_DATE_RE = new RegExp(
  `\\b\\d{1,2}:\\d{2}\\b|\\b${MONTH}\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+${MONTH}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b`,
  'i',
);
const BYLINE_RE = /^by\s+\S/i;
/** "By the numbers", "By contrast", "By now": phrases, not bylines. */
const BY_PHRASE_RE =
  /^by\s+(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your|way|far|now|then|contrast|comparison|all|some|most|many|far|late|early|mid|end|law|default|design|chance|hand|mistake|phone|email|train|car|air|sea|land)\b/i;

/** A numeric date ("17.01.2021", "3/5/2020", "2020-05-03"): the same in every language. */
const NUMERIC_DATE_RE = /\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/;

/**
 * A dateline made only of a date, a time and words like "Published"/"Updated" — or, around a
 * numeric date, their forms in the languages of vocabulary.yaml ("Aktualisiert am 17.01.2021").
 */
export function isDateLine(line: string): boolean {
  if (!HAS_DATE_RE.test(line)) return false;
  const rest = line.replace(DATE_TOKENS_RE, ' ');
  if (rest.trim() === '') return true;
  return NUMERIC_DATE_RE.test(line) && rest.replace(DATELINE_WORDS_RE, ' ').trim() === '';
}

/**
 * A byline ("By bne IntelliNews April 12, 2017") or a dateline. Bylines are metadata: the cleaner
 * drops them from the text (the HTML extractor reports authors in its metadata instead).
 */
export function isBylineOrDateline(line: string): boolean {
  if (line.length > MAX_WORDS_BYLINE * MAX_CHARS_PER_WORD) return false;
  if (isDateLine(line)) return true;
  if (!BYLINE_RE.test(line) || BY_PHRASE_RE.test(line) || wordCount(line) > MAX_WORDS_BYLINE) return false;
  // "By the end of May, talks stalled." is prose: a byline has no sentence end and no clause.
  if (/[!?]$/.test(line) || (/\.$/.test(line) && !/\b\d{4}\.$/.test(line))) return false;
  return !/,\s+\p{Ll}/u.test(line.replace(HAS_DATE_RE, ''));
}

/** Wire-service end markers at the end of the last paragraph: "Enditem", "(End)", "-30-", "###". */
const END_MARKER_RE = /\s*(?:\bEnd ?item\b|\(end\)|-30-|#{3}|■)\s*$/i;

const END_MARKER_TAIL_CHARS = 40;

/** The line without a trailing wire-service end marker. */
export function stripEndMarker(line: string): string {
  // Only the tail can hold the marker: test it alone, so long texts cost no more than short ones.
  const cut = Math.max(0, line.length - END_MARKER_TAIL_CHARS);
  return line.slice(0, cut) + line.slice(cut).replace(END_MARKER_RE, '');
}
