/**
 * GDELT event exports (1.0 daily files: 57–58 tab-separated columns; 2.0 15-minute files: 61):
 * the source URLs of the events between the United States and Russia. Both versions put
 * Actor1CountryCode in column 8 and Actor2CountryCode in column 18 (1-based) and SOURCEURL last.
 */

/** Column indexes (0-based) shared by GDELT 1.0 and 2.0 event records. */
const ACTOR1_COUNTRY = 7;
const ACTOR2_COUNTRY = 17;
/** Fewest columns of an event record (1.0 before April 2013 has 57; later ones more). */
const MIN_COLUMNS = 57;

/** The two sides, as GDELT's CAMEO country codes. */
const SIDES = new Set(['USA', 'RUS']);

export interface GdeltUrls {
  /** Source URLs of US–Russia events, in file order, each once. */
  urls: string[];
  rows: number;
  /** Rows that are not event records (too few columns, no http(s) SOURCEURL). */
  malformed: number;
}

/** Reads an event export's text; rows whose two actors are the US and Russia (either order) give their SOURCEURL. */
export function usRussiaUrls(text: string): GdeltUrls {
  const urls = new Set<string>();
  let rows = 0;
  let malformed = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    rows++;
    const cols = line.split('\t');
    const url = cols.at(-1)?.trim() ?? '';
    if (cols.length < MIN_COLUMNS || !/^https?:\/\//i.test(url)) {
      malformed++;
      continue;
    }
    const a1 = cols[ACTOR1_COUNTRY]!.trim();
    const a2 = cols[ACTOR2_COUNTRY]!.trim();
    if (a1 !== a2 && SIDES.has(a1) && SIDES.has(a2)) urls.add(url);
  }
  return { urls: [...urls], rows, malformed };
}
