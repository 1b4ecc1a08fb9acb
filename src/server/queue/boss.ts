/**
 * pg-boss on the same database as the app: in-process on PGlite, over a pool on PostgreSQL.
 * Retries with exponential backoff; a job whose worker stops sending heartbeats (a crash) is retried.
 */
import { fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '../db/client.ts';
import { QUEUES } from './queues.ts';

export interface QueueSettings {
  /** Attempts after the first. */
  retryLimit: number;
  /** Seconds before the first retry; doubles each time. */
  retryDelay: number;
  /** A worker that stops sending heartbeats for this long has crashed; its job is retried. */
  heartbeatSeconds: number;
  /** How often the queue monitor looks for such jobs. */
  monitorIntervalSeconds: number;
  pollingIntervalSeconds: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  retryLimit: 6,
  retryDelay: 30,
  heartbeatSeconds: 30,
  monitorIntervalSeconds: 15,
  pollingIntervalSeconds: 2,
};

export async function startBoss(database: Database, settings: QueueSettings = DEFAULT_QUEUE_SETTINGS): Promise<PgBoss> {
  const common = { monitorIntervalSeconds: settings.monitorIntervalSeconds, superviseIntervalSeconds: settings.monitorIntervalSeconds };
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite', ...common })
      : new PgBoss({ connectionString: database.url!, max: 4, ...common });
  boss.on('error', (e: Error) => console.error(`queue: ${e.message}`));
  await boss.start();
  const retry = { retryLimit: settings.retryLimit, retryDelay: settings.retryDelay, retryBackoff: true, retryDelayMax: 3600 };
  for (const name of Object.values(QUEUES)) {
    await boss.createQueue(name, { ...retry, heartbeatSeconds: settings.heartbeatSeconds, expireInSeconds: 600 });
  }
  return boss;
}

/**
 * Stops pg-boss and waits until it has closed its connections (its `stop()` may resolve before
 * that), so a database can be closed or dropped right after.
 */
export async function stopBoss(boss: PgBoss, options: { graceful: boolean; timeout: number }): Promise<void> {
  const stopped = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, options.timeout + 1000);
    boss.once('stopped', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  await boss.stop(options);
  await stopped;
}
