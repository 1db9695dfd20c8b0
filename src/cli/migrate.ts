/**
 * `npm run migrate`: brings the store (STORE_URL) up to the schema this Parley expects and exits.
 * Every program migrates the store it opens anyway, and concurrent migrations serialise on the
 * schema's version row, so this exists for deployments that want the step on its own: a Kubernetes
 * Job before an upgrade rolls out, or a check that an upgrade will start.
 */
import { ConfigError, parseConfig } from '../shared/config.js';
import { SCHEMA_VERSION } from '../stages/store/migrations.js';
import { openStore } from '../stages/store/open-store.js';
import { parseCommand } from './usage.js';

parseCommand({
  usage: 'usage: npm run migrate',
  summary: 'Brings the store named by STORE_URL up to the schema this Parley expects, then exits.',
  options: {},
});

try {
  const config = parseConfig(process.env);
  const store = await openStore(config.storeUrl);
  await store.close();
  console.log(`store migrated to schema version ${SCHEMA_VERSION}`);
} catch (err) {
  console.error(`parley migrate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof ConfigError ? 2 : 1);
}
