/** Redis for tests: a real client on 127.0.0.1:6379 and a unique key prefix, cleaned up after. */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export interface TestRedis {
  redis: Redis;
  prefix: string;
  /** Another client on the same server (to act as a second process). */
  extraClient(): Redis;
  /** Deletes every key under the prefix and closes all clients. */
  cleanup(): Promise<void>;
}

export function testRedis(label: string): TestRedis {
  const prefix = `test:${label}:${randomUUID()}:`;
  const clients: Redis[] = [];
  const make = (): Redis => {
    const client = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 2 });
    clients.push(client);
    return client;
  };
  const redis = make();
  return {
    redis,
    prefix,
    extraClient: make,
    async cleanup() {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await Promise.all(clients.map((client) => client.quit()));
    },
  };
}
