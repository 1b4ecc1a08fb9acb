/** Server services for tests: a real database, the real queue, and SMTP or the outbox, with fast retries. */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { readConfig, type Config } from '../../src/server/config.ts';
import { loadSecret } from '../../src/server/security/secrets.ts';
import type { Database } from '../../src/server/db/client.ts';
import { createMailer } from '../../src/server/mail/mailer.ts';
import { startBoss, stopBoss } from '../../src/server/queue/boss.ts';
import type { Services } from '../../src/server/services.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { createPostgresDatabase, type TestDatabase } from './db.ts';
import { rulebook } from './rulebook.ts';
import { startSmtp, type TestSmtp } from './smtp.ts';

export interface Clock {
  now: () => Date;
  set: (d: Date) => void;
  advanceDays: (days: number) => void;
}

export function clock(start = new Date('2026-03-02T10:00:00Z')): Clock {
  let t = start.getTime();
  return { now: () => new Date(t), set: (d) => (t = d.getTime()), advanceDays: (days) => (t += days * 86_400_000) };
}

export type TestServices = Services & { stop: () => Promise<void> };

export async function testServices(
  database: Database,
  options: { smtpUrl?: string; clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestServices> {
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

export type OpenTestDatabase = Awaited<ReturnType<TestDatabase['open']>>;

export interface ServicesFixture {
  db: OpenTestDatabase;
  s: TestServices;
  time: Clock;
  /** The local SMTP server, when asked for; without it mail goes to the outbox. */
  smtp: TestSmtp | undefined;
}

/** The moment every test starts at: Monday 2 March 2026, 10:00 UTC. */
export const TEST_START = new Date('2026-03-02T10:00:00Z');

/**
 * Services on a database of `target` for one describe block: opened before its tests and closed
 * after them. Before each test the clock goes back to {@link TEST_START}, the `empty` tables are
 * emptied in the order given (rows that point at others first) and, with `smtp`, the local SMTP
 * server forgets what it received and accepts everything again. `ready` hands the fixture to the
 * block's own variables; the block's own `beforeEach` runs after this one.
 */
export function servicesPerBlock(
  target: TestDatabase,
  options: { empty: PgTable[]; smtp?: boolean },
  ready: (fixture: ServicesFixture) => void,
): void {
  let fixture: ServicesFixture | undefined;
  let db: OpenTestDatabase | undefined;
  let smtp: TestSmtp | undefined;
  let s: TestServices | undefined;
  beforeAll(async () => {
    db = await target.open();
    smtp = options.smtp ? await startSmtp() : undefined;
    const time = clock();
    s = await testServices(db, { clock: time, ...(smtp ? { smtpUrl: smtp.url } : {}) });
    fixture = { db, s, time, smtp };
    ready(fixture);
  });
  afterAll(async () => {
    await s?.stop();
    await smtp?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    const f = fixture!;
    f.time.set(TEST_START);
    if (smtp) {
      smtp.received.length = 0;
      smtp.reply = () => undefined;
      smtp.replyDelayMs = 0;
    }
    for (const table of options.empty) await f.db.db.delete(table);
  });
}

/**
 * Services on a new database of the PostgreSQL test server, for a test that starts the built server
 * on the same database (`url`); `drop` stops them and removes the database.
 */
export async function servicesOnNewPostgres(): Promise<{ s: TestServices; url: string; drop: () => Promise<void> }> {
  const created = await createPostgresDatabase();
  const db = await openDatabase({ url: created.url });
  const s = await testServices(db);
  return {
    s,
    url: created.url,
    drop: async () => {
      await s.stop();
      await db.close();
      await created.drop();
    },
  };
}
