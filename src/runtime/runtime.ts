/**
 * What every Parley program starts with: the configuration, a logger, a checked Redis connection,
 * the pipeline's queues and (opened on first use) the store. Known start-up failures end the program
 * with one line that says what is wrong instead of a stack trace.
 */
import type { RedisClient } from '../shared/redis.js';
import { parseConfig, type Config } from '../shared/config.js';
import { DependencyHealth } from '../shared/dependency-health.js';
import { isStartupFailure } from '../shared/errors/index.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { connectRedis, createRedisClient } from '../shared/redis.js';
import { PipelineQueues } from '../pipeline/pipeline-queues.js';
import type { ArticleStore } from '../stages/store/article-store.js';

export interface Runtime {
  config: Config;
  log: Logger;
  redis: RedisClient;
  queues: PipelineQueues;
  /** Whether Redis and the store answer, as this process last saw them (for the log, /healthz, /metrics). */
  health: DependencyHealth;
  store: () => Promise<ArticleStore>;
  /** Closes the queues, the store and Redis. */
  close(): Promise<void>;
}

/** Starts a program's runtime, or exits with a one-line reason. */
export async function startRuntime(name: string, env: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
  try {
    const config = parseConfig(env);
    const log = createLogger(name, config.logLevel);
    const health = new DependencyHealth(log);
    const redis = createRedisClient(config, log, {}, health);
    await connectRedis(redis, config).catch(async (err: unknown) => {
      redis.disconnect();
      throw err;
    });
    const queues = new PipelineQueues(redis, config);
    let opened: Promise<ArticleStore> | undefined;
    const store = () => {
      // Loaded on first use: a program that only queues (enqueue) starts without the store's drivers.
      opened ??= import('../stages/store/open-store.js')
        .then((m) =>
          m.openStore(config.storeUrl, (err) =>
            log.error({ err: (err as Error).message }, 'phrase index: pairs not made; the articles stay pending'),
          ),
        )
        .catch((err: unknown) => {
          opened = undefined; // a store that was down may be up next time
          throw err;
        });
      return opened;
    };
    return {
      config,
      log,
      redis,
      queues,
      health,
      store,
      async close() {
        await queues.close();
        if (opened) await (await opened.catch(() => undefined))?.close();
        await redis.quit().catch(() => redis.disconnect());
      },
    };
  } catch (err) {
    exitOnStartupError(err);
  }
}

/** Prints a start-up error in one line and exits with the error's code (2 for bad configuration, 1 otherwise). */
export function exitOnStartupError(err: unknown): never {
  if (isStartupFailure(err)) {
    console.error(`parley: ${err.message}`);
    process.exit(err.exitCode);
  }
  throw err;
}
