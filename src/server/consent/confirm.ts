/**
 * Confirming and withdrawing consent. Confirmation is a POST from a page (mail scanners follow GET
 * links); withdrawal deletes the data at once, and works once, twice, or after the data is gone.
 */
import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { consents, messages, outbox } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { mailboxSql } from './mailbox.ts';
import { hashToken } from '../security/secrets.ts';

export type ConfirmOutcome = 'confirmed' | 'already-confirmed' | 'expired' | 'unknown';

/** What a token refers to, without changing anything: for the page that shows the confirm button. */
export async function lookupRequest(
  s: Services,
  tokenValue: string,
  kind: 'confirm' | 'withdraw',
): Promise<
  | {
      municipality: string;
      purposes: string[];
      status: string;
      expired: boolean;
      /** What the request holds, so the pages can say what confirming or withdrawing covers. */
      schemeIds: string[];
      phone: boolean;
      household: boolean;
    }
  | undefined
> {
  const hash = hashToken(tokenValue);
  const rows = await s.database.db
    .select()
    .from(consents)
    .where(kind === 'confirm' ? eq(consents.confirmTokenHash, hash) : eq(consents.withdrawTokenHash, hash));
  const first = rows[0];
  if (!first) return undefined;
  return {
    municipality: first.municipality,
    purposes: rows.map((r) => r.purpose),
    status: rows.every((r) => r.status === 'confirmed') ? 'confirmed' : 'pending',
    expired: first.status === 'pending' && first.confirmBefore < s.now(),
    schemeIds: first.schemeIds,
    phone: rows.some((r) => r.phone !== null),
    household: rows.some((r) => r.household !== null),
  };
}

export async function confirmConsent(s: Services, tokenValue: string): Promise<ConfirmOutcome> {
  const hash = hashToken(tokenValue);
  const db = s.database.db;
  const now = s.now();
  const updated = await db
    .update(consents)
    .set({ status: 'confirmed', confirmedAt: now })
    .where(and(eq(consents.confirmTokenHash, hash), eq(consents.status, 'pending'), gt(consents.confirmBefore, now)))
    .returning({ id: consents.id });
  if (updated.length > 0) return 'confirmed';
  const [row] = await db.select({ status: consents.status }).from(consents).where(eq(consents.confirmTokenHash, hash));
  if (!row) return 'unknown';
  return row.status === 'confirmed' ? 'already-confirmed' : 'expired';
}

/** A request waiting for confirmation, as the confirm page lists it. */
export interface PendingRequest {
  requestId: string;
  municipality: string;
  purposes: string[];
  schemeIds: string[];
  createdAt: Date;
}

/**
 * The other requests for the same mailbox that still wait for confirmation, oldest first. A link
 * from a mail to a mailbox shows them all: a mailbox gets only a few mails a day (request.ts), so
 * a request made after someone else used them up is confirmed through an earlier mail's link.
 */
export async function pendingForMailbox(s: Services, tokenValue: string): Promise<PendingRequest[]> {
  const db = s.database.db;
  const [own] = await db
    .select({ requestId: consents.requestId, email: consents.email })
    .from(consents)
    .where(eq(consents.confirmTokenHash, hashToken(tokenValue)))
    .limit(1);
  if (!own?.email) return [];
  const rows = await db
    .select({
      requestId: consents.requestId,
      municipality: consents.municipality,
      purpose: consents.purpose,
      schemeIds: consents.schemeIds,
      createdAt: consents.createdAt,
    })
    .from(consents)
    .where(
      and(
        eq(consents.status, 'pending'),
        gt(consents.confirmBefore, s.now()),
        ne(consents.requestId, own.requestId),
        sql`${mailboxSql(consents.email)} = ${mailboxSql(sql`${own.email}::text`)}`,
      ),
    )
    .orderBy(asc(consents.createdAt))
    .limit(40);
  const out = new Map<string, PendingRequest>();
  for (const r of rows) {
    const p = out.get(r.requestId);
    if (p) p.purposes.push(r.purpose);
    else
      out.set(r.requestId, {
        requestId: r.requestId,
        municipality: r.municipality,
        purposes: [r.purpose],
        schemeIds: r.schemeIds,
        createdAt: r.createdAt,
      });
  }
  return [...out.values()];
}

/** Confirms another pending request of the same mailbox as the link's (see pendingForMailbox). */
export async function confirmForMailbox(s: Services, tokenValue: string, requestId: string): Promise<ConfirmOutcome> {
  if (!(await pendingForMailbox(s, tokenValue)).some((r) => r.requestId === requestId)) return 'unknown';
  const updated = await s.database.db
    .update(consents)
    .set({ status: 'confirmed', confirmedAt: s.now() })
    .where(and(eq(consents.requestId, requestId), eq(consents.status, 'pending'), gt(consents.confirmBefore, s.now())))
    .returning({ id: consents.id });
  return updated.length > 0 ? 'confirmed' : 'expired';
}

/**
 * Withdraws every consent of the request and deletes its data. Queued messages for it are skipped;
 * the send log keeps no link to the person. Copies of its mails in the development outbox (mail
 * without SMTP) hold the address too, so they go at once as well, not only after 30 days.
 */
export async function withdrawConsent(s: Services, tokenValue: string): Promise<{ deleted: number }> {
  const hash = hashToken(tokenValue);
  const db = s.database.db;
  return db.transaction(async (tx) => {
    const rows = await tx.select({ id: consents.id }).from(consents).where(eq(consents.withdrawTokenHash, hash));
    if (rows.length > 0) {
      const ids = rows.map((r) => r.id);
      const mails = tx.select({ messageId: messages.messageId }).from(messages).where(inArray(messages.consentId, ids));
      await tx.delete(outbox).where(inArray(outbox.messageId, mails));
    }
    for (const r of rows) {
      await tx
        .update(messages)
        .set({ status: 'skipped', lastError: 'consent withdrawn', updatedAt: s.now() })
        .where(and(eq(messages.consentId, r.id), eq(messages.status, 'queued')));
    }
    const deleted = await tx.delete(consents).where(eq(consents.withdrawTokenHash, hash)).returning({ id: consents.id });
    return { deleted: deleted.length };
  });
}
