/**
 * Runs Parley's real workers in this process against the real Redis and a real store, with a queue
 * prefix and a store of their own. `stop()` shuts them down gracefully and removes what they made.
 */
import { STAGES } from '../../src/pipeline/stages.js';
import { startRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { WorkerGroup, type WorkerName } from '../../src/workers/worker-group.js';
import { TEST_REDIS_URL, deleteRedisPrefix, testStoreUrl, uniqueName, type StoreKind } from './test-services.js';

export interface Harness {
  rt: Runtime;
  group: WorkerGroup;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startPipeline(
  options: { store?: StoreKind; env?: Record<string, string>; stages?: readonly WorkerName[] } = {},
): Promise<Harness> {
  const name = uniqueName();
  const store = testStoreUrl(options.store ?? 'sqlite', name);
  const env: Record<string, string> = {
    REDIS_URL: TEST_REDIS_URL,
    STORE_URL: store.url,
    QUEUE_PREFIX: `parley-${name}`,
    FETCH_ALLOW_PRIVATE: '1',
    // The fixture server is local and ours: no one-request-a-second spacing for it in tests.
    FETCH_HOST_LIMITS: '127.0.0.1=16/0',
    JOB_BACKOFF_MS: '50',
    JOB_ATTEMPTS: '3',
    SHUTDOWN_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  const rt = await startRuntime('test', env);
  const group = new WorkerGroup(rt, options.stages ?? STAGES);
  await group.start();
  await group.ready();
  return {
    rt,
    group,
    env,
    async stop() {
      await group.stop();
      await rt.close();
      await deleteRedisPrefix(env.QUEUE_PREFIX!);
      await store.drop();
    },
  };
}
