/**
 * Entity and character references in feeds, decoded once: the five XML entities, character
 * references, HTML's named entities (feeds use them without declaring them), and simple entities
 * declared in the DOCTYPE. An entity whose value refers to other declared entities is refused (that
 * is how expansion bombs are built); external entities are never fetched.
 */
import { decodeHTML } from 'entities';
import { FeedParseError } from './errors/feed-parse-error.js';

/** Entities declared in a DOCTYPE may not be longer than this (a declared entity is not a document). */
const MAX_ENTITY_VALUE_CHARS = 10_000;

export const DOCTYPE = /<!DOCTYPE\s[^[>]*(?:\[([\s\S]*?)\]\s*)?>/i;
const ENTITY_DECL = /<!ENTITY\s+(%\s+)?([\w.:-]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/gi;
const REFERENCE = /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z][\w.:-]{0,31});?/g;

/**
 * General entities declared in a DOCTYPE's internal subset, values decoded (character references,
 * XML's and HTML's named entities). An entity whose value refers to another declared entity is how
 * expansion bombs are built: the feed is refused. Parameter entities (`%name;`) are never expanded,
 * external ones (SYSTEM/PUBLIC) never fetched.
 */
export function declaredEntities(subset: string, feedUrl: string): Map<string, string> {
  const declarations = [...subset.matchAll(ENTITY_DECL)].filter((m) => !m[1]);
  const names = new Set(declarations.map((m) => m[2]!));
  const entities = new Map<string, string>();
  for (const [, , name, double, single, external] of declarations) {
    if (external) continue; // never fetched: the reference stays as written
    const value = double ?? single ?? '';
    for (const ref of value.matchAll(REFERENCE)) {
      if (names.has(ref[1]!)) {
        throw new FeedParseError(
          `feed ${feedUrl} is not well-formed XML: its DOCTYPE declares entities built from other entities (expansion refused)`,
        );
      }
    }
    if (value.length > MAX_ENTITY_VALUE_CHARS) {
      throw new FeedParseError(
        `feed ${feedUrl} is not well-formed XML: its DOCTYPE declares an entity of ${value.length} characters`,
      );
    }
    entities.set(name!, decodeReferences(value));
  }
  return entities;
}

/** The five XML entities, looked up before HTML's table. */
const XML_ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);
/** HTML entity names already looked up (the table is large; feeds use a handful of names). */
const htmlEntityCache = new Map<string, string | null>();
const HTML_ENTITY_CACHE_MAX = 2_048;

function htmlEntity(whole: string): string | null {
  let decoded = htmlEntityCache.get(whole);
  if (decoded === undefined) {
    const text = decodeHTML(whole);
    decoded = text === whole ? null : text;
    if (htmlEntityCache.size < HTML_ENTITY_CACHE_MAX) htmlEntityCache.set(whole, decoded);
  }
  return decoded;
}

const NAME = /^[A-Za-z][\w.:-]*$/;
const DECIMAL = /^#\d{1,7}$/;
const HEX = /^#[xX][0-9a-fA-F]{1,6}$/;
/** A reference longer than this (between & and ;) is not one. */
const MAX_REFERENCE_CHARS = 32;

function character(code: number): string | undefined {
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : undefined;
}

/** The text a reference (between & and ;) stands for, or undefined when it is none. */
function lookup(ref: string, declared?: Map<string, string>): string | undefined {
  const xml = XML_ENTITIES.get(ref);
  if (xml !== undefined) return xml;
  if (DECIMAL.test(ref)) return character(parseInt(ref.slice(1), 10));
  if (HEX.test(ref)) return character(parseInt(ref.slice(2), 16));
  if (!NAME.test(ref)) return undefined;
  return declared?.get(ref) ?? htmlEntity(`&${ref};`) ?? undefined;
}

/**
 * Decodes entity and character references (`&name;`, `&#n;`, `&#xh;`); unknown ones, and `&`
 * without a `;` (a bare ampersand in a URL), stay as written. One scan, no regex per reference.
 */
export function decodeReferences(text: string, declared?: Map<string, string>): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    // Look for the ; only within a reference's length: bare ampersands must not make this quadratic.
    const window = text.slice(amp + 1, amp + 2 + MAX_REFERENCE_CHARS);
    const length = window.indexOf(';');
    const value = length > 0 ? lookup(window.slice(0, length), declared) : undefined;
    const semi = amp + 1 + length;
    if (value === undefined) {
      amp = text.indexOf('&', amp + 1);
      continue;
    }
    out += text.slice(from, amp) + value;
    from = semi + 1;
    amp = text.indexOf('&', from);
  }
  return out + text.slice(from);
}
