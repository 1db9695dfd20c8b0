/** Sitemap documents for tests, written as sites serve them. */

export interface TestUrl {
  loc: string;
  lastmod?: string;
  news?: { title: string; date: string; language?: string };
}

export function urlset(urls: TestUrl[]): string {
  const body = urls
    .map((u) => {
      const news = u.news
        ? `<news:news><news:publication><news:name>Example</news:name><news:language>${u.news.language ?? 'en'}</news:language></news:publication>` +
          `<news:publication_date>${u.news.date}</news:publication_date><news:title>${u.news.title}</news:title></news:news>`
        : '';
      return `<url><loc>${u.loc}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}${news}</url>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${body}
</urlset>`;
}

export function sitemapIndex(children: Array<{ loc: string; lastmod?: string }>): string {
  const body = children
    .map((c) => `<sitemap><loc>${c.loc}</loc>${c.lastmod ? `<lastmod>${c.lastmod}</lastmod>` : ''}</sitemap>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${body}
</sitemapindex>`;
}

export const SITEMAP_XML = { 'content-type': 'application/xml; charset=utf-8' };
export const GZIP_FILE = { 'content-type': 'application/x-gzip' };
