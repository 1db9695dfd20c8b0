/**
 * `npm run feeds -- discover URL`: lists the feeds a site offers (its home page's
 * `<link rel="alternate">`, else common feed paths), each fetched and parsed: URL, format, item
 * count, title. Needs no Redis. `feeds add URL --discover` registers what this finds.
 */
import { parseConfig } from '../shared/config.js';
import { fetchOptionsFrom } from '../stages/fetch/fetch-settings.js';
import { discoverFeeds, type DiscoveredFeed } from '../stages/feeds/discover-feeds.js';

export const DISCOVER_USAGE = 'usage: npm run feeds -- discover <site-url>';

/** The feeds of `siteUrl`, fetched with the configured user agent and limits. */
export function discoverWithConfig(siteUrl: string): Promise<DiscoveredFeed[]> {
  return discoverFeeds(siteUrl, fetchOptionsFrom(parseConfig(process.env)));
}

export function formatDiscovered(feeds: DiscoveredFeed[]): string[] {
  return feeds.map((f) => `${f.url}  ${f.format}, ${f.items} items  "${f.title}"  (${f.via})`);
}

/** Runs `discover` with the arguments after it; returns the exit code. */
export async function runDiscover(argv: string[]): Promise<number> {
  const [url, ...extra] = argv;
  if (!url || extra.length > 0 || url.startsWith('-')) {
    console.error(DISCOVER_USAGE);
    return 2;
  }
  try {
    const feeds = await discoverWithConfig(url);
    if (feeds.length === 0) {
      console.log(`no feeds found at ${url}`);
      return 1;
    }
    for (const line of formatDiscovered(feeds)) console.log(line);
    return 0;
  } catch (error) {
    console.error(`parley: ${(error as Error).message}`);
    return 1;
  }
}
