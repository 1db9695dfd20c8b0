/**
 * fetchPage with manners: robots.txt checked for the URL and every redirect hop, and the
 * per-host gate held for the duration of the request, spaced by robots.txt's Crawl-delay when
 * that is longer than the configured interval. This is what the fetch job and the feed
 * poller call.
 */
import { HostBusyError } from './fetch-errors.js';
import type { HostGate } from './host-gate.js';
import { fetchPage, type FetchedPage, type FetchOptions } from './http-fetch.js';
import type { RobotsPolicy } from './robots.js';

/** The politeness machinery; either part may be left out (tests, trusted hosts). */
export interface Politeness {
  robots?: RobotsPolicy;
  hostGate?: HostGate;
}

/**
 * Fetches `url` politely. Throws HostBusyError (a deferral, with retryAfterMs) when the host
 * gate is closed — delay the job rather than fail it — robots-disallowed when robots.txt
 * forbids the URL, robots-unreachable while robots.txt answers 5xx, and whatever
 * fetchPage throws. Redirects to other hosts are robots-checked but not gated.
 */
export async function politeFetch(url: string, options: FetchOptions, politeness: Politeness): Promise<FetchedPage> {
  const { robots, hostGate } = politeness;
  await robots?.check(url);
  const host = new URL(url).hostname;
  const crawlDelay = robots && hostGate ? await robots.crawlDelayMs(url) : undefined;
  const slot = hostGate
    ? await hostGate.tryAcquire(host, crawlDelay === undefined ? {} : { minIntervalMs: crawlDelay })
    : null;
  if (slot && !slot.ok) {
    throw new HostBusyError(`${host} is busy; fetch of ${url} should wait ${slot.retryInMs} ms`, host, slot.retryInMs);
  }
  const outer = options.beforeRequest;
  try {
    return await fetchPage(url, {
      ...options,
      beforeRequest: async (hop) => {
        if (hop.href !== url) await robots?.check(hop);
        await outer?.(hop);
      },
    });
  } finally {
    if (slot?.ok) await slot.release();
  }
}

/** A fetch function with politeness bound in, shaped like fetchPage (e.g. for pollFeed's `fetch`). */
export function politeFetcher(politeness: Politeness): typeof fetchPage {
  return (url, options) => politeFetch(url, options, politeness);
}
