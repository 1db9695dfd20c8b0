/** `npm run feeds -- import FILE.opml`: registers every feed an OPML file lists, saying what became of each. */
import { readFileSync } from 'node:fs';
import type { FeedService } from '../pipeline/feed-service.js';
import { formatDuration } from '../stages/feeds/duration.js';
import { parseOpml } from '../stages/feeds/opml.js';

/** Exit code: 0 when every listed feed was added, 1 when the file or any feed was refused. */
export async function importOpml(feeds: FeedService, file: string, everyMs?: number): Promise<number> {
  let listed;
  try {
    listed = parseOpml(readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`parley: ${file}: ${(err as Error).message}`);
    return 1;
  }
  if (listed.length === 0) {
    console.error(`parley: ${file} lists no feeds (no <outline xmlUrl="…">)`);
    return 1;
  }
  let refused = 0;
  for (const f of listed) {
    try {
      const r = await feeds.add(f.url, everyMs);
      console.log(`added ${r.url}${f.title ? ` (${f.title})` : ''}: polled every ${formatDuration(r.everyMs)}`);
    } catch (err) {
      refused++;
      console.error(`refused ${f.url}: ${(err as Error).message}`);
    }
  }
  console.log(`${listed.length - refused} of ${listed.length} feeds added`);
  return refused ? 1 : 0;
}
