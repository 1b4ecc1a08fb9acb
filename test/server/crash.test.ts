/**
 * Crash safety: 1,000 outreach messages are queued; the worker process is killed with SIGKILL in the
 * middle and started again. Every message arrives at the SMTP server, none twice (by Message-ID), on
 * PGlite and on PostgreSQL.
 *
 * The kill comes while the SMTP server holds its replies: a message whose 250 never reached the worker
 * was not delivered (RFC 5321), so it must be sent again after the restart; a message that was
 * acknowledged must not be.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { consents, messages } from '../../src/server/db/schema.ts';
import { startBoss } from '../../src/server/queue/boss.ts';
import { QUEUES } from '../../src/server/queue/queues.ts';
import { createPostgresDatabase } from '../support/db.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';

const root = new URL('../..', import.meta.url).pathname;
const COUNT = 1000;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function seed(db: Database): Promise<void> {
  const boss = await startBoss(db, {
    retryLimit: 5,
    retryDelay: 1,
    heartbeatSeconds: 10,
    monitorIntervalSeconds: 1,
    pollingIntervalSeconds: 0.5,
  });
  const now = new Date();
  const year = new Date(now.getTime() + 365 * 86_400_000);
  const consentRows = Array.from({ length: COUNT }, (_, i) => ({
    id: randomUUID(),
    requestId: randomUUID(),
    municipality: 'GM0106',
    purpose: 'contact' as const,
    status: 'confirmed' as const,
    schemeIds: ['individuele-inkomenstoeslag'],
    language: i % 2 === 0 ? 'nl' : 'en',
    consentTextVersion: 'test',
    email: `resident${i}@example.org`,
    rulebookVersion: 'test',
    confirmTokenHash: `c${i}`,
    confirmBefore: now,
    withdrawTokenHash: `w${i}`,
    expiresAt: year,
    confirmedAt: now,
  }));
  for (let i = 0; i < COUNT; i += 250) await db.db.insert(consents).values(consentRows.slice(i, i + 250));
  const messageRows = consentRows.map((c) => {
    const id = randomUUID();
    return {
      id,
      consentId: c.id,
      kind: 'outreach' as const,
      dedupeKey: `outreach:${c.id}`,
      messageId: `${id}@rondkomen.example`,
      language: c.language,
      templateVersion: 'outreach',
    };
  });
  for (let i = 0; i < COUNT; i += 250) await db.db.insert(messages).values(messageRows.slice(i, i + 250));
  await boss.insert(
    QUEUES.send,
    messageRows.map((m) => ({ data: { message: m.id } })),
  );
  await boss.stop({ graceful: false, timeout: 1000 });
}

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['src/cli/worker.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PUBLIC_URL: 'https://rondkomen.example',
      MAIL_DOMAIN: 'rondkomen.example',
      QUEUE_HEARTBEAT_SECONDS: '10',
      QUEUE_MONITOR_SECONDS: '1',
      QUEUE_POLLING_SECONDS: '0.5',
      QUEUE_RETRY_DELAY: '1',
      QUEUE_SEND_CONCURRENCY: '4',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', () => undefined);
  child.stdout!.on('data', () => undefined);
  return child;
}

const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

async function crashAndRecover(smtp: TestSmtp, env: Record<string, string>): Promise<void> {
  const first = startWorker(env);
  await smtp.waitFor(COUNT * 0.4, 120_000);
  // Stop acknowledging, let the worker record what was acknowledged, then kill it mid-send.
  smtp.hold = true;
  await new Promise((r) => setTimeout(r, 500));
  first.kill('SIGKILL');
  await exited(first);
  smtp.discard();
  smtp.hold = false;
  const deliveredBeforeRestart = smtp.received.length;
  expect(deliveredBeforeRestart).toBeGreaterThanOrEqual(COUNT * 0.4);
  expect(deliveredBeforeRestart).toBeLessThan(COUNT);

  const second = startWorker(env);
  try {
    await smtp.waitFor(COUNT, 180_000);
    // Time for any duplicate to show up.
    await new Promise((r) => setTimeout(r, 3000));
  } finally {
    second.kill('SIGTERM');
    await exited(second);
  }
}

describe('a worker killed in the middle of 1,000 messages', () => {
  it('delivers every message exactly once on PGlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rondkomen-crash-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const smtp = await startSmtp();
    cleanups.push(() => smtp.close());
    const db = await openDatabase({ dir });
    await seed(db);
    await db.close();

    await crashAndRecover(smtp, { PGLITE_DIR: dir, SMTP_URL: smtp.url, DATABASE_URL: '' });

    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids).size).toBe(COUNT);
    const after = await openDatabase({ dir });
    try {
      const rows = await after.db.select({ status: messages.status, messageId: messages.messageId }).from(messages);
      expect(rows.filter((r) => r.status === 'sent')).toHaveLength(COUNT);
      expect(new Set(rows.map((r) => r.messageId))).toEqual(new Set(ids));
    } finally {
      await after.close();
    }
  }, 300_000);

  it('delivers every message exactly once on PostgreSQL', async () => {
    const created = await createPostgresDatabase();
    cleanups.push(created.drop);
    const smtp = await startSmtp();
    cleanups.push(() => smtp.close());
    const db = await openDatabase({ url: created.url });
    await seed(db);

    await crashAndRecover(smtp, { DATABASE_URL: created.url, SMTP_URL: smtp.url });

    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids).size).toBe(COUNT);
    const rows = await db.db.select({ status: messages.status }).from(messages);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(COUNT);
    await db.close();
  }, 300_000);
});
