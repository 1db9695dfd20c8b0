/**
 * The article's headline: the h1 (or another heading) that matches the page's declared title, else
 * the declared title without the site's name (a part equal to the site name or naming the host).
 */
import type { Block } from './dom-blocks.js';
import { wordsKey } from './text-keys.js';

const TITLE_SEPARATOR_RE = /\s+[|–—·•›»«-]\s+|\s+::\s+/;
/** Separators that join a title to its site's or section's name, never two halves of one headline. */
const STRONG_SEPARATOR_RE = /\s+[|·•›»«]\s+|\s+::\s+/;
/** Headings down to this level may show the headline (h1 is the usual one; some pages use h2). */
const MAX_HEADLINE_LEVEL = 3;
/** A numeric date ("23.01.2022", "2022-01-23") before or after the headline: when it was written, not its words. */
const EDGE_DATE_RE =
  /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s+[|–—·•›»«:-]\s+|\s+[|–—·•›»«-]\s+\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/g;
/** A host label this short inside a title part is a coincidence, not the site's name. */
const MIN_HOST_LABEL_CHARS = 4;
/** An h1 found inside the declared title is the headline when it holds at least this share of its characters. */
const MIN_H1_SHARE_OF_TITLE = 0.4;

/**
 * The headline: an h1 that matches the page's declared title, else the declared title without its
 * site name; without a numeric date written before or after it ("23.01.2022 - …").
 */
export function chooseTitle(
  blocks: readonly Block[],
  declared: string | undefined,
  siteName: string | undefined,
  url: string | undefined,
): string | undefined {
  const title = chooseTitleWithDate(blocks, declared, siteName, url);
  if (title === undefined) return undefined;
  const bare = title.replace(EDGE_DATE_RE, '');
  return bare === '' ? title : bare;
}

/** The headline as the heading or declared title writes it, a date beside it included. */
function chooseTitleWithDate(
  blocks: readonly Block[],
  declared: string | undefined,
  siteName: string | undefined,
  url: string | undefined,
): string | undefined {
  const h1s = blocks.filter((b) => b.kind === 'h' && b.level === 1).map((b) => b.text);
  if (declared === undefined) return h1s[0];
  const key = wordsKey(declared);
  const match = h1s.find((h) => {
    const k = wordsKey(h);
    // An h1 inside the declared title must be a good share of it: a section name ("Opinion") is not the headline.
    return k.length > 0 && (k.includes(key) || (key.includes(k) && k.length >= key.length * MIN_H1_SHARE_OF_TITLE));
  });
  if (match !== undefined) return withoutKicker(match, key);
  // A part of the declared title that the page shows as a heading is the headline.
  const headings = new Set(
    blocks.filter((b) => b.kind === 'h' && b.level <= MAX_HEADLINE_LEVEL).map((b) => wordsKey(b.text)),
  );
  const shown = declared.split(TITLE_SEPARATOR_RE).find((p) => wordsKey(p) !== '' && headings.has(wordsKey(p)));
  if (shown !== undefined) return shown.trim();
  return withoutSiteName(declared, siteName, url);
}

/**
 * A heading of several lines as one line, without the kicker above the headline: when one line is
 * the declared title ("Einheit der Woche" / "Lagen-Pyramide mit GA2"), the lines before it go; the
 * lines after it (a subtitle the heading shows with it) stay.
 */
function withoutKicker(heading: string, declaredKey: string): string {
  const lines = heading
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const at = lines.findIndex((l) => wordsKey(l) === declaredKey);
  return lines.slice(Math.max(0, at)).join(' ');
}

/**
 * The declared title without the site's name: a part equal to the site name or the host's words
 * goes, whatever the separator; else, when strong separators ("|", "::", "»") split it, the longest
 * part stays. Dashes split titles only at a part that names the site: "Leasing oder Finanzierung –
 * was lohnt sich mehr?" is one title.
 */
function withoutSiteName(declared: string, siteName: string | undefined, url: string | undefined): string {
  const siteKeys = new Set<string>();
  if (siteName !== undefined) siteKeys.add(wordsKey(siteName));
  const host = hostKey(url);
  const namesSite = (part: string): boolean => {
    const k = wordsKey(part);
    if (k === '') return true;
    if (siteKeys.has(k)) return true;
    const c = k.replace(/ /g, '');
    if (host === undefined) return false;
    // The part is the host ("Example.de") or holds its name ("Example Blog - News", host example.de).
    return (
      (c.length >= 3 && host.full.includes(c)) || (host.label.length >= MIN_HOST_LABEL_CHARS && c.includes(host.label))
    );
  };
  const parts = declared.split(TITLE_SEPARATOR_RE);
  if (parts.length === 1) return declared;
  const kept = parts.filter((p) => !namesSite(p));
  if (kept.length > 0 && kept.length < parts.length) {
    // Rejoin what is left in its own words, from the first kept part to the last.
    const first = declared.indexOf(kept[0]!);
    const last = declared.lastIndexOf(kept[kept.length - 1]!) + kept[kept.length - 1]!.length;
    const rest = declared.slice(first, last);
    if (!STRONG_SEPARATOR_RE.test(rest)) return rest;
  }
  const strong = declared.split(STRONG_SEPARATOR_RE).filter((p) => !namesSite(p));
  if (strong.length === 0) return declared;
  return strong.reduce((a, b) => (b.length > a.length ? b : a), strong[0]!);
}

/** The host's letters and digits without "www." ("spiegel.de" -> "spiegelde"), and its name label ("spiegel"). */
function hostKey(url: string | undefined): { full: string; label: string } | undefined {
  if (url === undefined || !URL.canParse(url)) return undefined;
  const labels = new URL(url).hostname
    .replace(/^www\./, '')
    .toLowerCase()
    .split('.');
  const compact = (s: string): string => s.replace(/[^\p{L}\p{N}]/gu, '');
  return {
    full: compact(labels.join('')),
    label: compact(labels.length > 1 ? labels[labels.length - 2]! : labels[0]!),
  };
}
