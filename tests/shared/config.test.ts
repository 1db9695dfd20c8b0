import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/shared/config.js';

describe('parseConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const c = parseConfig({});
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.storeUrl).toBe('sqlite:data/parley.db');
    expect(c.port).toBe(3000);
    expect(c.fetch.allowPrivate).toBe(false);
    expect(c.fetch.userAgent).toMatch(/^Parley\/\S+ \(\+https?:\/\//);
  });

  it('reads per-worker concurrency and the flags', () => {
    const c = parseConfig({
      FETCH_CONCURRENCY: '16',
      STORE_CONCURRENCY: '1',
      FETCH_ALLOW_PRIVATE: '1',
      STORE_URL: 'postgres://db/parley',
    });
    expect(c.concurrency.fetch).toBe(16);
    expect(c.concurrency.store).toBe(1);
    expect(c.fetch.allowPrivate).toBe(true);
    expect(c.storeUrl).toBe('postgres://db/parley');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT="eighty"'],
    [{ STORE_URL: 'mysql://db' }, 'STORE_URL="mysql://db"'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL="localhost:6379"'],
    [{ FETCH_CONCURRENCY: '0' }, 'FETCH_CONCURRENCY="0"'],
    [{ QUEUE_PREFIX: 'has space' }, 'QUEUE_PREFIX="has space"'],
  ])('names the bad variable in %j', (env, named) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(named);
  });
});
