/**
 * Campaign mails through crashes, on PostgreSQL with a real SMTP server and the worker process killed
 * with SIGKILL (review of December 2026, §3):
 *
 * - mark and send do not drift: a crash while the worker records a sent mail leaves the mail unsent
 *   *and* the case new (so it is sent again and then marked), never a sent mail with a case that
 *   stays new and gets the next campaign too;
 * - with an SMTP server that replies 300 ms after it kept a message, a kill at the moment of
 *   acceptance loses nothing, and resends at most the messages that were in flight: at most
 *   QUEUE_SEND_CONCURRENCY, each once more, with the same Message-ID (the bound the README states).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { campaigns, cases, consents, messages } from '../../src/server/db/schema.ts';
import { startBoss } from '../../src/server/queue/boss.ts';
import { QUEUES } from '../../src/server/queue/queues.ts';
import { createPostgresDatabase } from '../support/db.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';

const root = new URL('../..', import.meta.url).pathname;
const CONCURRENCY = 4;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** `count` residents with a new case, and a running campaign with a queued mail for each. */
async function seed(db: Database, count: number): Promise<string> {
  const now = new Date();
  const year = new Date(now.getTime() + 365 * 86_400_000);
  const [campaign] = await db.db
    .insert(campaigns)
    .values({
      municipality: 'GM0106',
      name: 'Winteractie',
      status: 'sending',
      segment: { kind: 'schemes', schemeIds: ['individuele-inkomenstoeslag'] },
      templates: { nl: { subject: 'Hulp in {{gemeente}}', body: 'Misschien kunt u dit krijgen:\n{{regelingen}}\n\n{{link}}' } },
      startedAt: now,
    })
    .returning({ id: campaigns.id });
  const campaignId = campaign!.id;
  const consentRows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    requestId: randomUUID(),
    municipality: 'GM0106',
    purpose: 'contact' as const,
    status: 'confirmed' as const,
    schemeIds: ['individuele-inkomenstoeslag'],
    language: 'nl',
    consentTextVersion: 'test',
    email: `inwoner${i}@example.org`,
    rulebookVersion: 'test',
    confirmTokenHash: `c${i}`,
    confirmBefore: now,
    withdrawTokenHash: `w${i}`,
    expiresAt: year,
    confirmedAt: now,
  }));
  await db.db.insert(consents).values(consentRows);
  await db.db.insert(cases).values(consentRows.map((c) => ({ consentId: c.id, municipality: 'GM0106', counted: ['consented'] })));
  const messageRows = consentRows.map((c) => {
    const id = randomUUID();
    return {
      id,
      consentId: c.id,
      kind: 'campaign' as const,
      campaignId,
      dedupeKey: `campaign:${campaignId}:${c.id}`,
      messageId: `${id}@rondkomen.example`,
      language: 'nl',
      templateVersion: 'campaign',
    };
  });
  await db.db.insert(messages).values(messageRows);
  const boss = await startBoss(db, {
    retryLimit: 5,
    retryDelay: 1,
    heartbeatSeconds: 10,
    monitorIntervalSeconds: 1,
    pollingIntervalSeconds: 0.5,
  });
  await boss.insert(
    QUEUES.send,
    messageRows.map((m) => ({ data: { message: m.id } })),
  );
  await boss.stop({ graceful: false, timeout: 1000 });
  return campaignId;
}

function startWorker(databaseUrl: string, smtpUrl: string): ChildProcess {
  const child = spawn(process.execPath, ['src/cli/worker.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtpUrl,
      PUBLIC_URL: 'https://rondkomen.example',
      MAIL_DOMAIN: 'rondkomen.example',
      QUEUE_HEARTBEAT_SECONDS: '10',
      QUEUE_MONITOR_SECONDS: '1',
      QUEUE_POLLING_SECONDS: '0.5',
      QUEUE_RETRY_DELAY: '1',
      QUEUE_SEND_CONCURRENCY: String(CONCURRENCY),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept, so a test that times out can say what the worker said.
  child.stderr!.on('data', (d: Buffer) => (workerOutput += d.toString()));
  child.stdout!.on('data', (d: Buffer) => (workerOutput += d.toString()));
  return child;
}

let workerOutput = '';

const killed = (child: ChildProcess): Promise<void> => {
  const exited = new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
  child.kill('SIGKILL');
  return exited;
};

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the workers said:\n${workerOutput.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const distinct = (smtp: TestSmtp): number => new Set(smtp.received.map((m) => m.messageId)).size;

/** After the second worker has delivered everything: what reached the server, and what the database says. */
async function finish(db: Database, smtp: TestSmtp, url: string, count: number): Promise<void> {
  const second = startWorker(url, smtp.url);
  try {
    await until('every message', () => distinct(smtp) === count, 180_000);
    await until(
      'every message marked sent',
      async () => (await db.db.select({ status: messages.status }).from(messages)).every((m) => m.status === 'sent'),
      60_000,
    );
    // Time for any late duplicate to show up.
    await new Promise((r) => setTimeout(r, 3000));
  } finally {
    second.kill('SIGTERM');
    await new Promise((r) => (second.exitCode !== null ? r(undefined) : second.once('exit', r)));
  }
}

describe('campaign mails through a killed worker, on PostgreSQL', () => {
  it('never leaves a sent mail with a case that is still new, even when the crash falls between sending and marking', async () => {
    const COUNT = 40;
    const created = await createPostgresDatabase();
    cleanups.push(created.drop);
    const smtp = await startSmtp();
    cleanups.push(() => smtp.close());
    const db = await openDatabase({ url: created.url });
    cleanups.push(() => db.close());
    const campaignId = await seed(db, COUNT);

    // Another session holds every case: the worker can send, but not record the contact yet.
    const lock = new pg.Client({ connectionString: created.url });
    await lock.connect();
    await lock.query('begin');
    await lock.query('select consent_id from cases for update');
    const first = startWorker(created.url, smtp.url);
    await until('mails accepted while the cases are held', () => smtp.received.length >= CONCURRENCY);
    await new Promise((r) => setTimeout(r, 1000));
    await killed(first);
    await lock.query('rollback');
    await lock.end();
    const beforeRestart = smtp.received.length;
    expect(beforeRestart).toBeGreaterThanOrEqual(CONCURRENCY);

    await finish(db, smtp, created.url, COUNT);

    const rows = await db.db
      .select({ status: cases.status, campaignId: cases.campaignId })
      .from(messages)
      .innerJoin(cases, eq(cases.consentId, messages.consentId));
    expect(rows).toHaveLength(COUNT);
    expect(rows.filter((r) => r.status !== 'contacted' || r.campaignId !== campaignId)).toEqual([]);
    // The mails in flight at the crash went out again: at most one copy more each, same Message-ID.
    const copies = new Map<string, number>();
    for (const m of smtp.received) copies.set(m.messageId, (copies.get(m.messageId) ?? 0) + 1);
    expect(Math.max(...copies.values())).toBeLessThanOrEqual(2);
    expect(smtp.received.length - COUNT).toBeLessThanOrEqual(CONCURRENCY);
  }, 300_000);

  it('loses nothing and resends at most QUEUE_SEND_CONCURRENCY mails when killed at the moment a slow SMTP server accepts', async () => {
    const COUNT = 120;
    const created = await createPostgresDatabase();
    cleanups.push(created.drop);
    const smtp = await startSmtp();
    cleanups.push(() => smtp.close());
    smtp.replyDelayMs = 300;
    const db = await openDatabase({ url: created.url });
    cleanups.push(() => db.close());
    await seed(db, COUNT);

    const first = startWorker(created.url, smtp.url);
    // Kill the moment the server has kept the 50th message, before it answers.
    await until('50 messages kept', () => smtp.received.length >= 50);
    await killed(first);
    const atCrash = smtp.received.length;
    expect(atCrash).toBeLessThan(COUNT);

    await finish(db, smtp, created.url, COUNT);

    const copies = new Map<string, number>();
    for (const m of smtp.received) copies.set(m.messageId, (copies.get(m.messageId) ?? 0) + 1);
    expect(copies.size).toBe(COUNT);
    const duplicates = smtp.received.length - COUNT;
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
    expect(Math.max(...copies.values())).toBeLessThanOrEqual(2);
    const contacted = await db.db.select({ status: cases.status }).from(cases);
    expect(contacted.filter((c) => c.status !== 'contacted')).toEqual([]);
  }, 300_000);
});
