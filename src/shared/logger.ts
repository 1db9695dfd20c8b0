/**
 * Parley's logger: pino, JSON lines when stdout is not a terminal (containers, files), readable
 * lines when it is — one line a message (a stage done for an article is one line), its fields on
 * that line, without the ones that repeat the message (queue) or only matter to a program (jobId,
 * pid, hostname), which stay in the JSON. Logs are objects first: `log.info({ jobId, url }, 'fetched')`.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the process logger. `name` says which program is speaking (worker, enqueue …). */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  const pretty = process.stdout.isTTY === true;
  return pino({
    name,
    level,
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: {
              colorize: true,
              translateTime: 'SYS:HH:MM:ss.l',
              ignore: 'pid,hostname,queue,jobId',
              singleLine: true,
            },
          },
        }
      : {}),
  });
}
