/**
 * `node dist/cli/health.js [--store] [--dashboard]`: the container health check of every Parley
 * service. Exits 0 when what the service depends on answers within HEALTH_TIMEOUT_MS — Redis always,
 * with `--store` the store too, with `--dashboard` only the dashboard's own /healthz on PORT (which
 * checks Redis and the store itself) — else prints one line per thing that is down and exits 1.
 */
import { ConfigError, parseConfig, type Config } from '../shared/config.js';
import { connectRedis, createRedisClient, describeRedis } from '../shared/redis.js';
import { storeClient } from '../stages/store/open-store.js';
import { parseCommand } from './usage.js';

/**
 * Each check's deadline: a dependency that takes longer is called down. The container's own timeout
 * (15 s in docker-compose.yml, 10 s in deploy/k8s) is longer, since starting Node for the check takes
 * half a second on an idle host and several on a busy one.
 */
export const HEALTH_TIMEOUT_MS = 3_000;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Resolves with a problem, or undefined when `check` succeeded within the deadline. */
async function within(name: string, check: () => Promise<void>): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`${name}: no answer within ${HEALTH_TIMEOUT_MS} ms`), HEALTH_TIMEOUT_MS);
  });
  const done = check().then(
    () => undefined,
    (err: unknown) => `${name}: ${message(err)}`,
  );
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkRedis(config: Config): Promise<void> {
  const redis = createRedisClient(config, undefined, { maxRetriesPerRequest: 1 });
  try {
    await connectRedis(redis, config, HEALTH_TIMEOUT_MS);
  } finally {
    redis.disconnect();
  }
}

async function checkStore(config: Config): Promise<void> {
  const url = config.storeUrl;
  const db = storeClient(url);
  try {
    await db.query('SELECT 1 AS ok');
  } finally {
    await db.close().catch(() => undefined);
  }
}

async function checkDashboard(config: Config): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${config.port}/healthz`, {
    signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
  });
  if (res.status !== 200) throw new Error(`/healthz answered ${res.status} ${(await res.text()).slice(0, 200)}`);
}

const { values } = parseCommand({
  usage: 'usage: npm run health [-- --store | --dashboard]',
  summary:
    'Checks that Redis answers (and the store, or the dashboard); prints "healthy" or each problem, exit 1 if any.',
  options: {
    store: { type: 'boolean', help: 'also check that the store (STORE_URL) answers a query' },
    dashboard: { type: 'boolean', help: 'check only that the dashboard on PORT answers /healthz' },
  },
});
let config: Config;
try {
  config = parseConfig(process.env);
} catch (err) {
  console.error(`parley health: ${err instanceof ConfigError ? err.message : message(err)}`);
  process.exit(2);
}
const problems = values.dashboard
  ? [await within('dashboard', () => checkDashboard(config))]
  : await Promise.all([
      within(`redis (${describeRedis(config)})`, () => checkRedis(config)),
      ...(values.store ? [within('store', () => checkStore(config))] : []),
    ]);
const down = problems.filter((p): p is string => p !== undefined);
for (const p of down) console.error(`unhealthy: ${p}`);
if (down.length === 0) console.log('healthy');
process.exit(down.length > 0 ? 1 : 0);
