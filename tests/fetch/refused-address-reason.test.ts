/**
 * A page on a refused address fails naming the page the caller asked for — not the robots.txt
 * that politeFetch reads first — and nothing is sent to the address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchOptions } from '../../src/stages/fetch/http-fetch.js';
import { politeFetch } from '../../src/stages/fetch/polite-fetch.js';
import { RobotsPolicy } from '../../src/stages/fetch/robots.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';

const options: FetchOptions = { userAgent: 'ParleyTest/1.0', allowPrivate: false };

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ '/news/talks': { headers: { 'content-type': 'text/html' }, body: '<p>x</p>' } });
});
afterAll(() => server.close());

describe('refused addresses', () => {
  it.each([
    ['an IP literal', (port: number) => `http://127.0.0.1:${port}/news/talks`],
    ['a name that resolves to one', (port: number) => `http://localhost:${port}/news/talks`],
  ])('name the page for %s', async (_what, urlFor) => {
    const url = urlFor(server.port);
    const error = await politeFetch(url, options, { robots: new RobotsPolicy({ fetchOptions: options }) }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'refused-address' });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^refused to fetch ${url.replace(/[.[\]]/g, '\\$&')}: (127\\.0\\.0\\.1|::1) is a loopback address; FETCH_ALLOW_PRIVATE=1 allows private addresses$`,
      ),
    );
    expect(server.requests).toEqual([]);
  });
});
