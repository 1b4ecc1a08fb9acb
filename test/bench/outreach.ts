/**
 * Outreach benchmark: enqueue 100,000 outreach messages (consent rows, message rows and their jobs)
 * and measure how fast the queue workers deliver them to a local SMTP server, on PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { loadRulebookCached } from '../../src/content/cache.ts';
import { readConfig } from '../../src/server/config.ts';
import { loadSecret } from '../../src/server/security/secrets.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { consents, messages } from '../../src/server/db/schema.ts';
import { createMailer } from '../../src/server/mail/mailer.ts';
import { startBoss, stopBoss } from '../../src/server/queue/boss.ts';
import { QUEUES } from '../../src/server/queue/queues.ts';
import { startWorkers } from '../../src/server/queue/workers.ts';
import type { Services } from '../../src/server/services.ts';
import { createPostgresDatabase } from '../support/db.ts';

export interface OutreachFigures {
  messages: number;
  enqueueSeconds: number;
  enqueuePerSecond: number;
  delivered: number;
  dispatchSeconds: number;
  dispatchPerSecond: number;
  sendConcurrency: number;
}

async function sink(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        count++;
        cb(null, 'OK');
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.server.address();
  const port = typeof a === 'object' && a ? a.port : 0;
  return { url: `smtp://127.0.0.1:${port}`, count: () => count, close: () => new Promise((r) => server.close(() => r())) };
}

export async function benchOutreach(
  count = 100_000,
  options: { maxDispatchSeconds?: number; sendConcurrency?: number } = {},
): Promise<OutreachFigures> {
  const created = await createPostgresDatabase();
  const smtp = await sink();
  const database = await openDatabase({ url: created.url });
  const sendConcurrency = options.sendConcurrency ?? 8;
  const config = readConfig({
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'https://rondkomen.example',
    QUEUE_SEND_CONCURRENCY: String(sendConcurrency),
  });
  const boss = await startBoss(database, {
    retryLimit: 3,
    retryDelay: 5,
    heartbeatSeconds: 30,
    monitorIntervalSeconds: 5,
    pollingIntervalSeconds: 0.5,
  });
  const s: Services = {
    config,
    database,
    boss,
    mailer: createMailer(config, database.db),
    rulebook: await loadRulebookCached(),
    secret: await loadSecret(database.db, {}),
    now: () => new Date(),
  };
  try {
    const started = performance.now();
    const year = new Date(Date.now() + 365 * 86_400_000);
    const BATCH = 2000;
    for (let i = 0; i < count; i += BATCH) {
      const n = Math.min(BATCH, count - i);
      const rows = Array.from({ length: n }, (_, k) => ({
        id: randomUUID(),
        requestId: randomUUID(),
        municipality: 'GM0106',
        purpose: 'contact' as const,
        status: 'confirmed' as const,
        schemeIds: ['individuele-inkomenstoeslag'],
        language: 'nl',
        consentTextVersion: 'bench',
        email: `resident${i + k}@example.org`,
        rulebookVersion: s.rulebook.version,
        confirmTokenHash: `c${i + k}`,
        confirmBefore: new Date(),
        withdrawTokenHash: `w${i + k}`,
        expiresAt: year,
      }));
      const msgs = rows.map((c) => {
        const id = randomUUID();
        return {
          id,
          consentId: c.id,
          kind: 'outreach' as const,
          dedupeKey: `outreach:${c.id}`,
          messageId: `${id}@rondkomen.example`,
          language: 'nl',
          templateVersion: 'outreach',
        };
      });
      await database.db.transaction(async (tx) => {
        await tx.insert(consents).values(rows);
        await tx.insert(messages).values(msgs);
      });
      await boss.insert(
        QUEUES.send,
        msgs.map((m) => ({ data: { message: m.id } })),
      );
    }
    const enqueueSeconds = (performance.now() - started) / 1000;

    const dispatchStart = performance.now();
    await startWorkers(s, { sendConcurrency, pollingIntervalSeconds: 0.5 });
    const limit = (options.maxDispatchSeconds ?? 900) * 1000;
    while (smtp.count() < count && performance.now() - dispatchStart < limit) await new Promise((r) => setTimeout(r, 250));
    const dispatchSeconds = (performance.now() - dispatchStart) / 1000;
    return {
      messages: count,
      enqueueSeconds: Number(enqueueSeconds.toFixed(1)),
      enqueuePerSecond: Math.round(count / enqueueSeconds),
      delivered: smtp.count(),
      dispatchSeconds: Number(dispatchSeconds.toFixed(1)),
      dispatchPerSecond: Math.round(smtp.count() / dispatchSeconds),
      sendConcurrency,
    };
  } finally {
    // Graceful, and waiting for it: a job still running when the pool closes would fail noisily.
    await stopBoss(boss, { graceful: true, timeout: 5000 });
    s.mailer.close();
    await database.close();
    await smtp.close();
    await created.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 100_000);
  process.stdout.write(`${JSON.stringify(await benchOutreach(count), null, 2)}\n`);
}
