/**
 * OPML 1.0/2.0 subscription lists, the format feed readers import and export: every `<outline>` with
 * an `xmlUrl` (any case, any nesting depth: categories are folders) is a feed.
 */
import { Parser } from 'htmlparser2';

export interface OpmlFeed {
  url: string;
  title?: string;
}

/** The feeds an OPML document lists, each URL once, in document order. Throws when none is found. */
export function parseOpml(text: string): OpmlFeed[] {
  const found = new Map<string, OpmlFeed>();
  let sawOpml = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const tag = name.toLowerCase();
        if (tag === 'opml') sawOpml = true;
        if (tag !== 'outline') return;
        const lower = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k.toLowerCase(), v.trim()]));
        const url = lower.xmlurl;
        if (!url || found.has(url)) return;
        const title = lower.title || lower.text;
        found.set(url, title ? { url, title } : { url });
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  if (!sawOpml) throw new Error('not an OPML document (no <opml> element)');
  return [...found.values()];
}

function escapeAttr(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** An OPML 2.0 document listing these feeds. */
export function writeOpml(feeds: readonly OpmlFeed[], title = 'Parley feeds', now = new Date()): string {
  const outlines = feeds.map((f) => {
    const label = escapeAttr(f.title ?? f.url);
    return `    <outline type="rss" text="${label}" title="${label}" xmlUrl="${escapeAttr(f.url)}"/>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>${escapeAttr(title)}</title>
    <dateCreated>${now.toUTCString()}</dateCreated>
  </head>
  <body>
${outlines.join('\n')}
  </body>
</opml>
`;
}
