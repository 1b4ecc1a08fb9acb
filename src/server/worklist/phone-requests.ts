/**
 * Requests to be called, made on the site with only a phone number (src/server/consent/request.ts).
 * Without a mail there is no link to confirm with, so the municipality's first call confirms it: the
 * caseworker begins by asking whether the resident asked to be called. Yes: the consent is confirmed
 * (and counted as consented) and the case goes on like any other. No, or a wrong number: everything of
 * the request is deleted at once. Both are audited; the history of a confirmed case keeps the call.
 */
import { and, eq } from 'drizzle-orm';
import { audit } from '../audit/log.ts';
import { caseEvents, cases, consents } from '../db/schema.ts';
import type { Services } from '../services.ts';
import type { ConsoleUser } from '../staff/sessions.ts';
import { ALL, recordStage } from '../takeup/ledger.ts';
import { deleteCase } from './avg.ts';
import { caseSchemes, loadForUpdate, originOf, type UpdateOutcome } from './cases.ts';

/** The resident said on the phone that she asked to be called. */
export async function confirmCall(s: Services, user: ConsoleUser, consentId: string): Promise<UpdateOutcome> {
  const now = s.now();
  return s.database.db.transaction(async (tx) => {
    const row = await loadForUpdate(tx, user, consentId);
    if (!row) return 'not-found';
    if (row.consent.status === 'confirmed') return 'unchanged';
    if (row.consent.channel !== 'phone' || row.consent.confirmBefore <= now) return 'not-found';
    await tx
      .update(consents)
      .set({ status: 'confirmed', confirmedAt: now })
      .where(and(eq(consents.id, consentId), eq(consents.status, 'pending')));
    await recordStage(tx, originOf(row.consent, row.kase.campaignId), 'consented', [ALL, ...caseSchemes(row.consent)], now);
    const counted = [...new Set([...row.kase.counted, 'consented'])];
    await tx.update(cases).set({ counted, updatedAt: now }).where(eq(cases.consentId, consentId));
    await tx.insert(caseEvents).values({ consentId, at: now, staffId: user.id, type: 'call', data: { confirmed: true } });
    await audit(tx, {
      municipality: user.municipality,
      staffId: user.id,
      action: 'case.call-confirmed',
      subjectType: 'consent',
      subjectId: consentId,
    });
    return 'ok';
  });
}

/**
 * The person who answered did not ask to be called (or the number is wrong): the request goes at once,
 * with its case. Only for requests still waiting for their call; a confirmed case is deleted the usual
 * way (the AVG page). Returns the ids that went.
 */
export async function refuseCall(s: Services, user: ConsoleUser, consentId: string): Promise<string[] | undefined> {
  const [row] = await s.database.db
    .select({ status: consents.status, channel: consents.channel })
    .from(cases)
    .innerJoin(consents, eq(consents.id, cases.consentId))
    .where(and(eq(cases.consentId, consentId), eq(cases.municipality, user.municipality)));
  if (!row || row.status !== 'pending' || row.channel !== 'phone') return undefined;
  const ids = await deleteCase(s, user, consentId);
  if (ids)
    await audit(s.database.db, {
      municipality: user.municipality,
      staffId: user.id,
      action: 'case.call-refused',
      subjectType: 'consent',
      subjectId: consentId,
    });
  return ids;
}
