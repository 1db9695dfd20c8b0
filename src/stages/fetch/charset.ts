/**
 * Turns response bytes into text, in the WHATWG sniffing order (BOM, transport-layer charset,
 * <meta> prescan, frequency guess), with one browser-like deviation: what the bytes prove beats
 * what the server claims. A BOM wins, then valid multi-byte UTF-8 (legacy encodings practically
 * never form it by chance), then the HTTP header, then a <meta charset> / http-equiv / XML
 * declaration, then a guess. A body that is UTF-8 but for a few invalid bytes (a truncated
 * character, one pasted legacy byte) is UTF-8 with U+FFFD for the bad bytes, as a browser shows
 * it, whatever the declarations say.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** How far into the body to look for a <meta charset> or XML declaration. The HTML spec's
 * prescan stops at 1 KB, but CMS templates often put scripts and styles first; 64 KB covers them. */
export const META_SCAN_BYTES = 64 * 1024;

/** Fallback when nothing is declared and the bytes are not UTF-8 (the web's de-facto default). */
const DEFAULT_LEGACY_CHARSET = 'windows-1252';

const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/gi;
const XML_ENCODING = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']/i;
const CONTENT_TYPE_CHARSET = /;\s*charset\s*=\s*["']?([^"';\s]+)/i;

/** Labels that the WHATWG Encoding standard maps to another encoding than their name says. */
const LABEL_ALIASES: Readonly<Record<string, string>> = {
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'x-cp1251': 'windows-1251',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

/** Where the chosen charset came from, for logs and tests. */
export type CharsetSource = 'bom' | 'utf8-bytes' | 'header' | 'meta' | 'guess' | 'default';

/** Text plus the charset used to decode it. */
export interface DecodedBody {
  text: string;
  /** Lower-case encoding name, e.g. "utf-8", "windows-1251". */
  charset: string;
  source: CharsetSource;
}

/** Normalises a charset label; returns null if iconv-lite cannot decode it. */
export function normaliseCharset(label: string | undefined | null): string | null {
  if (!label) return null;
  const lower = label.trim().toLowerCase();
  const name = LABEL_ALIASES[lower] ?? lower;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset parameter of a Content-Type header value, if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  return contentType ? CONTENT_TYPE_CHARSET.exec(contentType)?.[1] : undefined;
}

/** The encoding a BOM announces, and the BOM's length. */
function sniffBom(bytes: Buffer): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** The first usable charset declared in markup: XML declaration or <meta>, within the scan window. */
export function declaredInMarkup(bytes: Buffer): string | null {
  const head = bytes.subarray(0, META_SCAN_BYTES).toString('latin1');
  const xml = normaliseCharset(XML_ENCODING.exec(head)?.[1]);
  if (xml) return xml;
  for (const match of head.matchAll(META_CHARSET)) {
    const charset = normaliseCharset(match[1]);
    if (charset) return charset;
  }
  return null;
}

function hasHighBytes(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

const isLetterByte = (byte: number): boolean => byte >= 0xc0;
const isAsciiLetter = (byte: number): boolean => (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);

/**
 * A body is "UTF-8 with a few invalid bytes" when at most this share of its high-byte sequences
 * are invalid: a legacy page has almost none valid (each accented letter is a lone high byte).
 */
const MAX_INVALID_UTF8_SHARE = 0.05;
/** ...and at least this many valid multi-byte characters, so a page with two stray bytes is not judged by them. */
const MIN_VALID_UTF8_CHARS = 8;
/**
 * A page that declares UTF-8 keeps it while no more than this share of its high-byte sequences is
 * invalid: a legacy page falsely declared UTF-8 has nearly all of them invalid (Cyrillic, Western)
 * or most (Chinese two-byte text, whose pairs look like UTF-8 by chance about a third of the time).
 */
const MAX_INVALID_DECLARED_UTF8_SHARE = 0.25;

/** Counts well-formed multi-byte UTF-8 sequences and bytes that start no well-formed sequence. */
function utf8Census(bytes: Buffer): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** True when the body is UTF-8 but for a few invalid bytes (more leeway when the page says it is UTF-8). */
function isMostlyUtf8(bytes: Buffer, declaredUtf8: boolean): boolean {
  const { valid, invalid } = utf8Census(bytes);
  if (declaredUtf8) return valid > 0 && invalid <= (valid + invalid) * MAX_INVALID_DECLARED_UTF8_SHARE;
  return valid >= MIN_VALID_UTF8_CHARS && invalid <= (valid + invalid) * MAX_INVALID_UTF8_SHARE;
}

/** Chinese text in GBK/GB2312 is read by GB18030, their superset. */
const DOUBLE_BYTE_CHARSET = 'gb18030';
/** Share of the runs of high bytes that must be of even length. */
const MIN_EVEN_SHARE = 0.9;
/** Mean length of a run of high bytes, in bytes: a Russian word is about 7 letters, a Chinese phrase runs to a comma. */
const MIN_MEAN_RUN_BYTES = 12;

/**
 * True when the high bytes come in long runs of even length, as two-byte characters make them: in
 * Cyrillic text a run is one word, odd or even and short, but a Chinese phrase is many pairs.
 */
function looksDoubleByte(window: Buffer): boolean {
  let runs = 0;
  let even = 0;
  let high = 0;
  let length = 0;
  for (let i = 0; i <= window.length; i++) {
    if (i < window.length && window[i]! >= 0x80) {
      length++;
      continue;
    }
    if (length === 0) continue;
    runs++;
    high += length;
    if (length % 2 === 0) even++;
    length = 0;
  }
  return runs > 0 && even >= runs * MIN_EVEN_SHARE && high >= runs * MIN_MEAN_RUN_BYTES;
}

/**
 * Guesses a legacy charset from byte statistics. Two-byte Chinese encodings are told apart first (see looksDoubleByte). In Cyrillic text (both windows-1251 and KOI8-R
 * put letters in 0xC0–0xFF) high bytes sit next to high bytes; in Western text an accented
 * letter sits between ASCII letters. Lower-case letters, most of running text, are in 0xE0–0xFF
 * in windows-1251 but in 0xC0–0xDF in KOI8-R.
 */
function guessLegacyCharset(bytes: Buffer): string {
  const window = bytes.subarray(0, META_SCAN_BYTES);
  if (looksDoubleByte(window)) return DOUBLE_BYTE_CHARSET;
  let besideHigh = 0;
  let besideAscii = 0;
  let upperHalf = 0;
  let lowerHalf = 0;
  for (let i = 0; i < window.length; i++) {
    const byte = window[i]!;
    if (!isLetterByte(byte)) continue;
    if (byte >= 0xe0) upperHalf++;
    else lowerHalf++;
    const next = window[i + 1] ?? 0x20;
    if (isLetterByte(next)) besideHigh++;
    else if (isAsciiLetter(next)) besideAscii++;
  }
  if (besideHigh <= besideAscii) return DEFAULT_LEGACY_CHARSET;
  return upperHalf >= lowerHalf ? 'windows-1251' : 'koi8-r';
}

/**
 * Decodes a response body. `headerCharset` is the charset parameter of Content-Type (may be
 * wrong or unknown); markup declarations are read from the first META_SCAN_BYTES.
 */
export function decodeBody(bytes: Buffer, headerCharset?: string): DecodedBody {
  const bom = sniffBom(bytes);
  if (bom) return { text: iconv.decode(bytes.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };
  const highBytes = hasHighBytes(bytes);
  if (highBytes && isUtf8(bytes)) return { text: bytes.toString('utf8'), charset: 'utf-8', source: 'utf8-bytes' };

  const header = normaliseCharset(headerCharset);
  const markup = declaredInMarkup(bytes);
  // Invalid bytes become U+FFFD, one per maximal bad subpart, as the WHATWG decoder does.
  if (highBytes && isMostlyUtf8(bytes, header === 'utf-8' || markup === 'utf-8')) {
    const declared = header === 'utf-8' ? 'header' : markup === 'utf-8' ? 'meta' : 'utf8-bytes';
    return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8', source: declared };
  }
  // The bytes are plain ASCII or not UTF-8: a UTF-8 declaration is then either harmless or wrong.
  // ISO-8859-1 (windows-1252) is what servers add by default, not knowing the page: the page's own declaration beats it.
  const headerIsDefault = header === DEFAULT_LEGACY_CHARSET && markup !== null;
  const candidates: Array<[string | null, CharsetSource]> = headerIsDefault
    ? [
        [markup, 'meta'],
        [header, 'header'],
      ]
    : [
        [header, 'header'],
        [markup, 'meta'],
      ];
  for (const [charset, source] of candidates) {
    if (charset && (charset !== 'utf-8' || !highBytes)) {
      return { text: iconv.decode(bytes, charset), charset, source };
    }
  }
  if (!highBytes) return { text: bytes.toString('utf8'), charset: 'utf-8', source: 'default' };
  const guess = guessLegacyCharset(bytes);
  return { text: iconv.decode(bytes, guess), charset: guess, source: 'guess' };
}
