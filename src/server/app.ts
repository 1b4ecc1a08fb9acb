/**
 * Opens everything the server needs, once per process: the database (PostgreSQL when DATABASE_URL is
 * set, embedded PGlite otherwise), the queue, the mailer and the secret, and in embedded mode the
 * queue workers too. The instance lives on globalThis, so the built site and src/server/main.ts share
 * it (two module copies of this file in one process must not open PGlite twice).
 */
import type { Rulebook } from '../engine/rulebook.ts';
import { readConfig, type Config } from './config.ts';
import { loadSecret } from './security/secrets.ts';
import { openDatabase } from './db/client.ts';
import { createMailer } from './mail/mailer.ts';
import { DEFAULT_QUEUE_SETTINGS, startBoss, stopBoss } from './queue/boss.ts';
import { startWorkers } from './queue/workers.ts';
import type { Services } from './services.ts';

interface Holder {
  services?: Promise<Services>;
}

const holder = ((globalThis as { __rondkomen?: Holder }).__rondkomen ??= {});

export async function openServices(
  rulebook: Rulebook,
  config: Config = readConfig(),
  options: { workers?: boolean } = {},
): Promise<Services> {
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dir: config.pgliteDir });
  const boss = await startBoss(database, { ...DEFAULT_QUEUE_SETTINGS, ...config.queue });
  const secret = await loadSecret(database.db);
  const mailer = createMailer(config, database.db);
  const services: Services = { config, database, boss, mailer, rulebook, secret, now: () => new Date() };
  if (options.workers ?? config.inlineWorkers) {
    await startWorkers(services, {
      sendConcurrency: config.queue.sendConcurrency,
      pollingIntervalSeconds: config.queue.pollingIntervalSeconds,
    });
  }
  return services;
}

/** The process's services, opened on first use. */
export function services(rulebook: Rulebook): Promise<Services> {
  holder.services ??= openServices(rulebook);
  return holder.services;
}

export async function closeServices(s: Services): Promise<void> {
  await stopBoss(s.boss, { graceful: true, timeout: 5000 });
  s.mailer.close();
  await s.database.close();
  if (holder.services) holder.services = undefined;
}
