/**
 * Decodes HTML character references left in metadata strings (JSON-LD and meta values are often
 * HTML-escaped twice: "Bike &amp; Style", "&#8216;Title&#8217;"). Body text needs none of this:
 * the parser decodes it.
 */

/** The named references that turn up in titles, names and descriptions. */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', pound: '£', euro: '€',
  copy: '©', reg: '®', trade: '™', eacute: 'é', egrave: 'è', aacute: 'á', oacute: 'ó', uacute: 'ú',
  iacute: 'í', ntilde: 'ñ', ccedil: 'ç', uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß',
};
const REFERENCE_RE = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi;
/** Highest Unicode code point. */
const MAX_CODE_POINT = 0x10ffff;

function fromCodePoint(n: number, original: string): string {
  return n > 0 && n <= MAX_CODE_POINT ? String.fromCodePoint(n) : original;
}

/** The text with numeric and common named character references decoded; others are left as they are. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE_RE, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined) return fromCodePoint(Number(dec), m);
    if (hex !== undefined) return fromCodePoint(parseInt(hex, 16), m);
    return NAMED[name!.toLowerCase()] ?? m;
  });
}
