/** Server services for tests: a real database, the real queue, and SMTP or the outbox, with fast retries. */
import type { PgBoss } from 'pg-boss';
import { readConfig, type Config } from '../../src/server/config.ts';
import { loadSecret } from '../../src/server/consent/secrets.ts';
import type { Database } from '../../src/server/db/client.ts';
import { createMailer } from '../../src/server/mail/mailer.ts';
import { startBoss, stopBoss } from '../../src/server/queue/boss.ts';
import type { Services } from '../../src/server/services.ts';
import { rulebook } from './rulebook.ts';

export interface Clock {
  now: () => Date;
  set: (d: Date) => void;
  advanceDays: (days: number) => void;
}

export function clock(start = new Date('2026-03-02T10:00:00Z')): Clock {
  let t = start.getTime();
  return { now: () => new Date(t), set: (d) => (t = d.getTime()), advanceDays: (days) => (t += days * 86_400_000) };
}

export async function testServices(
  database: Database,
  options: { smtpUrl?: string; clock?: Clock; env?: Record<string, string> } = {},
): Promise<Services & { stop: () => Promise<void> }> {
  const config: Config = readConfig({
    PUBLIC_URL: 'https://rondkomen.example',
    MAIL_FROM: 'Gemeente Voorbeeld <noreply@rondkomen.example>',
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  });
  const boss: PgBoss = await startBoss(database, {
    retryLimit: 3,
    retryDelay: 1,
    heartbeatSeconds: 10,
    monitorIntervalSeconds: 1,
    pollingIntervalSeconds: 0.5,
  });
  const secret = await loadSecret(database.db, {});
  const mailer = createMailer(config, database.db);
  const c = options.clock ?? clock();
  return {
    config,
    database,
    boss,
    mailer,
    rulebook: rulebook(),
    secret,
    now: c.now,
    stop: async () => {
      await stopBoss(boss, { graceful: false, timeout: 2000 });
      mailer.close();
    },
  };
}
