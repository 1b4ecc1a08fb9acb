/**
 * The daily purge: unconfirmed requests after 7 days; contact data 30 days after the case is closed
 * and at the latest when it expires (12 months after consent), with the worklist case and its history;
 * the development outbox after 30 days; stale rate-limit windows; expired Astro sessions; and what the staff console keeps
 * (src/server/staff/retention.ts). Returns what it deleted, so tests can prove it.
 */
import { and, eq, isNotNull, lt, or } from 'drizzle-orm';
import { consents, outbox, rateLimits } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { purgeSessions } from '../sessions/store.ts';
import { purgeConsole, type ConsolePurgeReport } from '../staff/retention.ts';
import { RETENTION } from '../../contract/consent.ts';

export interface PurgeReport {
  unconfirmed: number;
  expired: number;
  closed: number;
  outbox: number;
  rateLimits: number;
  /** Astro sessions not written to for 12 hours. */
  sessions: number;
  console: ConsolePurgeReport;
}

const days = (n: number): number => n * 86_400_000;

/** When the purge below deletes a consent's data: 30 days after its case closed, at the latest when it expires. */
export function deletionDate(consent: { closedAt: Date | null; expiresAt: Date }): Date {
  return consent.closedAt
    ? new Date(Math.min(consent.closedAt.getTime() + days(RETENTION.afterClosedDays), consent.expiresAt.getTime()))
    : consent.expiresAt;
}

export async function purge(s: Services): Promise<PurgeReport> {
  const db = s.database.db;
  const now = s.now().getTime();
  const unconfirmed = await db
    .delete(consents)
    .where(and(eq(consents.status, 'pending'), lt(consents.confirmBefore, new Date(now))))
    .returning({ id: consents.id });
  const expired = await db
    .delete(consents)
    .where(lt(consents.expiresAt, new Date(now)))
    .returning({ id: consents.id });
  const closed = await db
    .delete(consents)
    .where(and(isNotNull(consents.closedAt), lt(consents.closedAt, new Date(now - days(RETENTION.afterClosedDays)))))
    .returning({ id: consents.id });
  const mails = await db
    .delete(outbox)
    .where(lt(outbox.createdAt, new Date(now - days(RETENTION.outboxDays))))
    .returning({ id: outbox.id });
  const limits = await db
    .delete(rateLimits)
    .where(or(lt(rateLimits.windowStart, new Date(now - days(2)))))
    .returning({ key: rateLimits.key });
  return {
    unconfirmed: unconfirmed.length,
    expired: expired.length,
    closed: closed.length,
    outbox: mails.length,
    rateLimits: limits.length,
    sessions: await purgeSessions(db, new Date(now)),
    console: await purgeConsole(s),
  };
}
