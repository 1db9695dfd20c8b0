/**
 * Upgrades under compose or Kubernetes start several containers at once against one store: each
 * migrates it on start (or `npm run migrate` does, as a Job). The migrations must run once, in order,
 * however many processes start together.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/stages/store/migrations.js';
import { PostgresClient } from '../../src/stages/store/postgres-client.js';
import { SqliteClient } from '../../src/stages/store/sqlite-client.js';
import { runProgram } from '../helpers/run-cli.js';
import { STORE_KINDS, testStoreUrl } from '../helpers/test-services.js';

/** Processes that start together in the test; a compose deployment starts six. */
const PROCESSES = 4;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.each(STORE_KINDS)('npm run migrate on a new %s store', (kind) => {
  it(`run by ${PROCESSES} processes at once, every one succeeds and the schema ends at the current version`, async () => {
    const store = testStoreUrl(kind);
    cleanups.push(() => store.drop());
    const runs = await Promise.all(
      Array.from({ length: PROCESSES }, () => runProgram('cli/migrate.ts', [], { STORE_URL: store.url })),
    );
    for (const r of runs)
      expect([r.code, r.stderr, r.stdout.trim()]).toEqual([
        0,
        '',
        `store migrated to schema version ${SCHEMA_VERSION}`,
      ]);

    const db = kind === 'sqlite' ? new SqliteClient(store.url.slice('sqlite:'.length)) : new PostgresClient(store.url);
    cleanups.push(() => db.close());
    expect(await db.query('SELECT id, version FROM schema_version')).toEqual([{ id: 1, version: SCHEMA_VERSION }]);
  }, 60_000);

  it('exits 1 naming the cause when the store cannot be reached', async () => {
    const r = await runProgram('cli/migrate.ts', [], { STORE_URL: 'postgres://parley@127.0.0.1:1/parley' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^parley migrate: .*(ECONNREFUSED|connect)/m);
  });
});
