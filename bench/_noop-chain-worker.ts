/**
 * The queue-overhead baseline: four BullMQ queues chained like Parley's stages, whose workers do
 * nothing but hand a payload of the stage's typical size on. Prints `ready` when listening.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';

const prefix = process.env.QUEUE_PREFIX!;
const stages = ['fetch', 'clean', 'classify', 'store'];
const sizes = (process.env.HOP_BYTES ?? '200,100000,10000,10000').split(',').map(Number);
const concurrency = (process.env.CONCURRENCY ?? '8,2,4,4').split(',').map(Number);
const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const queues = stages.map((s) => new Queue(s, { connection, prefix }));

const workers = stages.map(
  (stage, i) =>
    new Worker(
      stage,
      async (job: Job<{ id: string }>) => {
        const next = queues[i + 1];
        if (next)
          await next.add(
            stages[i + 1]!,
            { id: job.data.id, body: 'x'.repeat(sizes[i + 1] ?? 0) },
            { jobId: job.id, removeOnComplete: i + 2 < stages.length },
          );
        return null;
      },
      { connection, prefix, concurrency: concurrency[i] ?? 1, removeOnComplete: { count: 1000 } },
    ),
);
await Promise.all(workers.map((w) => w.waitUntilReady()));
console.log('ready');
process.on('SIGTERM', () => {
  void Promise.all(workers.map((w) => w.close())).then(() => process.exit(0));
});
