/**
 * The lead of an article: prose between the headline and the element the scorer chose. Many pages
 * put the standfirst or first paragraph in a container of its own (a "teaser", an "excerpt" box)
 * beside the body, too short for widening to an ancestor to pay off. Walking back from the chosen
 * body to the headline, the blocks that read like sentences of the article join it; labels, dates,
 * captions, link lists, furniture-marked blocks and the page's declared summary do not.
 */
import type { ArticlePart } from './content-scorer.js';
import type { Block, PageBlocks } from './dom-blocks.js';
import { SENTENCE_END_RE, wordsKey } from './text-keys.js';

/** The headline must sit at most this many blocks before the body (kicker, date, byline, picture, lead between). */
const LEAD_WINDOW = 10;
/** A lead block holds at least this many characters: a sentence or more, not a label. */
const MIN_LEAD_CHARS = 80;
/** ...and at most this share of link text. */
const MAX_LEAD_LINK_SHARE = 0.25;

/** True for the page's headline: an h1, or a heading with the declared title's words. */
function isHeadline(b: Block, titleKey: string | undefined): boolean {
  if (b.kind !== 'h') return false;
  if (b.level === 1) return true;
  if (titleKey === undefined || titleKey === '') return false;
  const k = wordsKey(b.text);
  return k.length > 0 && (k === titleKey || (k.length >= titleKey.length / 2 && titleKey.includes(k)));
}

function isLeadProse(b: Block): boolean {
  return (
    b.kind !== 'caption' &&
    b.kind !== 'li' &&
    b.furniture.length === 0 &&
    b.text.length >= MIN_LEAD_CHARS &&
    b.linkChars / b.text.length <= MAX_LEAD_LINK_SHARE &&
    SENTENCE_END_RE.test(b.text)
  );
}

/**
 * The article's parts with the lead blocks between the headline and the first part added before
 * them (each as a part of its own); the parts unchanged when no headline sits close before the body.
 */
export function withLead(
  page: PageBlocks,
  parts: readonly ArticlePart[],
  title: string | undefined,
  summary: string | undefined,
): ArticlePart[] {
  const first = parts[0];
  if (first === undefined || first.element === undefined) return [...parts];
  const titleKey = title === undefined ? undefined : wordsKey(title);
  const start = first.range.start;
  let headline = -1;
  for (let i = start - 1; i >= Math.max(0, start - LEAD_WINDOW); i--) {
    if (isHeadline(page.blocks[i]!, titleKey)) {
      headline = i;
      break;
    }
  }
  if (headline < 0) return [...parts];
  const summaryKey = summary === undefined ? undefined : wordsKey(summary);
  const lead: ArticlePart[] = [];
  for (let i = headline + 1; i < start; i++) {
    const b = page.blocks[i]!;
    // The page's declared summary shown above the article is a teaser of it, not its text.
    if (summaryKey !== undefined && wordsKey(b.text) === summaryKey) continue;
    if (isLeadProse(b)) lead.push({ element: undefined, range: { start: i, end: i + 1 } });
  }
  return [...lead, ...parts];
}
