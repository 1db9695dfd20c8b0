import { parseConfig } from '../../src/shared/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress, refusalReason } from '../../src/stages/fetch/address-policy.js';
import { fetchPage, type FetchOptions } from '../../src/stages/fetch/http-fetch.js';
import { PermanentError } from '../../src/shared/errors/index.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { tableLookup } from './lookup-stub.js';

const strict = { allowPrivate: false };

describe('address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.20.30.40', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'private'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['64:ff9b::10.0.0.1', 'private'],
  ])('refuses %s as %s', (ip, kind) => {
    expect(refusalReason(ip, strict)).toMatch(new RegExp(`is an? ${kind} address`));
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '93.184.215.14',
    '2606:4700:4700::1111',
    '::ffff:1.1.1.1',
    '64:ff9b::8.8.8.8',
  ])('lets the public address %s through', (ip) => {
    expect(classifyAddress(ip)).toBeNull();
    expect(refusalReason(ip, strict)).toBeNull();
  });

  it('is lifted by allowPrivate and narrowed by allowAddresses', () => {
    expect(refusalReason('127.0.0.1', { allowPrivate: true })).toBeNull();
    const mirror = { allowPrivate: false, allowAddresses: ['10.1.0.0/16'] };
    expect(refusalReason('10.1.2.3', mirror)).toBeNull();
    expect(refusalReason('10.2.0.1', mirror)).toBe('10.2.0.1 is a private address');
  });

  it.each(['169.254.169.254', 'fe80::1', '::ffff:169.254.169.254'])(
    'keeps link-local %s (the cloud metadata range) refused under allowPrivate, unless allowLinkLocal',
    (ip) => {
      expect(refusalReason(ip, { allowPrivate: true })).toMatch(/is a link-local address/);
      expect(refusalReason(ip, { allowPrivate: true, allowLinkLocal: true })).toBeNull();
      expect(refusalReason(ip, { allowPrivate: false, allowLinkLocal: true })).toMatch(/is a link-local address/);
    },
  );

  it('reads FETCH_ALLOW_LINK_LOCAL apart from FETCH_ALLOW_PRIVATE', () => {
    expect(parseConfig({ FETCH_ALLOW_PRIVATE: '1' }).fetch).toMatchObject({
      allowPrivate: true,
      allowLinkLocal: false,
    });
    expect(parseConfig({ FETCH_ALLOW_PRIVATE: '1', FETCH_ALLOW_LINK_LOCAL: '1' }).fetch).toMatchObject({
      allowPrivate: true,
      allowLinkLocal: true,
    });
  });
});

describe('fetchPage and private addresses', () => {
  let server: FixtureServer;
  const base: FetchOptions = {
    userAgent: 'ParleyTest/1.0',
    allowPrivate: false,
    connectTimeoutMs: 2_000,
    headersTimeoutMs: 2_000,
    bodyTimeoutMs: 2_000,
    maxRedirects: 3,
  };

  beforeAll(async () => {
    server = await startFixtureServer({
      '/page': { headers: { 'content-type': 'text/html' }, body: '<html><body>internal</body></html>' },
      '/to-private-ip': { status: 302, headers: { location: 'http://10.0.0.1/admin' } },
      '/to-metadata-name': { status: 302, headers: { location: 'http://metadata.example/latest/meta-data/' } },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a server on 127.0.0.1 by default and names the URL and the reason', async () => {
    const error = await fetchPage(server.url('/page'), base).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'refused-address' });
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toBe(
      `refused to fetch ${server.url('/page')}: 127.0.0.1 is a loopback address; FETCH_ALLOW_PRIVATE=1 allows private addresses`,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('sees through other spellings of loopback literals', async () => {
    for (const host of ['2130706433', '0x7f.0.0.1', '127.1', '[::1]', '[::ffff:127.0.0.1]']) {
      const url = `http://${host}:${server.port}/page`;
      const error = await fetchPage(url, base).catch((e: unknown) => e);
      expect(error, host).toMatchObject({ code: 'refused-address' });
      expect((error as Error).message, host).toMatch(
        /is a loopback address; FETCH_ALLOW_PRIVATE=1 allows private addresses$/,
      );
    }
    expect(server.requests).toHaveLength(0);
  });

  it('fetches it with allowPrivate', async () => {
    const result = await fetchPage(server.url('/page'), { ...base, allowPrivate: true });
    expect(result.body).toContain('internal');
  });

  it('checks the resolved address of a public-looking host name', async () => {
    const lookup = tableLookup({ 'news.example': '127.0.0.1' });
    const url = `http://news.example:${server.port}/page`;
    const error = await fetchPage(url, { ...base, lookup }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'refused-address' });
    expect((error as Error).message).toBe(
      `refused to fetch ${url}: 127.0.0.1 is a loopback address; FETCH_ALLOW_PRIVATE=1 allows private addresses`,
    );
    await expect(fetchPage(`http://localhost:${server.port}/page`, base)).rejects.toMatchObject({
      code: 'refused-address',
    });
  });

  it('checks the address before any TLS handshake for https URLs', async () => {
    const lookup = tableLookup({ 'secure.example': '10.1.2.3' });
    const error = await fetchPage('https://secure.example/page', { ...base, lookup }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'refused-address' });
    expect((error as Error).message).toBe(
      'refused to fetch https://secure.example/page: 10.1.2.3 is a private address; FETCH_ALLOW_PRIVATE=1 allows private addresses',
    );
  });

  it('checks every redirect hop, literal IPs and resolved names alike', async () => {
    // The first hop's own address is exempted so that the redirect is what gets judged.
    const options = {
      ...base,
      allowAddresses: ['127.0.0.1/32'],
      lookup: tableLookup({ 'metadata.example': '169.254.169.254' }),
    };
    await expect(fetchPage(server.url('/page'), options)).resolves.toMatchObject({ status: 200 });
    const literal = await fetchPage(server.url('/to-private-ip'), options).catch((e: unknown) => e);
    expect(literal).toMatchObject({ code: 'refused-address' });
    expect((literal as Error).message).toBe(
      'refused to fetch http://10.0.0.1/admin: 10.0.0.1 is a private address; FETCH_ALLOW_PRIVATE=1 allows private addresses',
    );
    const named = await fetchPage(server.url('/to-metadata-name'), options).catch((e: unknown) => e);
    expect(named).toMatchObject({ code: 'refused-address' });
    expect((named as Error).message).toContain('169.254.169.254 is a link-local address');
  });
});
