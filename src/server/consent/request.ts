/**
 * A resident asks to be contacted: one consent record per purpose, pending until confirmed through
 * the link in a mail (double opt-in). Only the data each purpose needs is kept: the household's
 * answers only when the resident chose to share them, or when they asked to hear about rule changes
 * (re-screening needs them). The records, the confirmation message and its job are written in one
 * transaction, so a crash never leaves a request without its mail or a mail without its request.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { fromDrizzle } from 'pg-boss';
import { runCheck } from '../../contract/check.ts';
import { consentRequestSchema, RETENTION } from '../../contract/consent.ts';
import { todayInNetherlands } from '../../contract/today.ts';
import { consents, type ResultSnapshot } from '../db/schema.ts';
import { enqueueMessage } from '../messages/enqueue.ts';
import { QUEUES } from '../queue/queues.ts';
import type { Services } from '../services.ts';
import { normaliseMailbox } from './mailbox.ts';
import { allow } from '../security/rate-limit.ts';
import { hashToken, keyedHash, token } from '../security/secrets.ts';

export type RequestOutcome =
  /** `mailed`: false when the mailbox had its mails for the day; the request is kept and any earlier link confirms it. */
  | { ok: true; requestId: string; mailed: boolean }
  | { ok: false; reason: 'invalid'; fields: string[] }
  | { ok: false; reason: 'rate-limited' }
  | { ok: false; reason: 'unknown-municipality' };

/**
 * Limits: requests per client address per hour, whatever they are for; and mails per mailbox a day
 * (normalised: plus-tags and Gmail's dots do not make another mailbox). A request over the mailbox's
 * limit is still kept, without a mail of its own: so nobody can lock a mailbox's owner out by
 * asking first, the link in any earlier mail to that mailbox lets its owner confirm it (confirm.ts).
 */
export const LIMITS = { perIp: { count: 10, seconds: 3600 }, perMailbox: { count: 3, seconds: 86_400 } } as const;

export function snapshot(household: Record<string, unknown> | undefined, s: Services, schemeIds: string[]): ResultSnapshot {
  const today = todayInNetherlands(s.now());
  if (household) {
    const r = runCheck(household, s.rulebook, { today, computedAt: s.now().toISOString() });
    if (r.ok) {
      return {
        referenceDate: r.result.referenceDate,
        schemes: r.result.schemes
          .filter((x) => x.status !== 'not-eligible')
          .map((x) => ({ id: x.id, status: x.status, monthly: x.amount.monthly, yearly: x.amount.yearly })),
      };
    }
  }
  return { referenceDate: today, schemes: schemeIds.map((id) => ({ id, status: 'flagged', monthly: 0, yearly: 0 })) };
}

export async function requestConsent(s: Services, input: unknown, client: { ip: string }): Promise<RequestOutcome> {
  const parsed = consentRequestSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, reason: 'invalid', fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))] };
  const r = parsed.data;
  if (!s.rulebook.places[r.municipality]) return { ok: false, reason: 'unknown-municipality' };
  const needsHousehold = r.purposes.includes('rule-changes') || r.shareHousehold;
  if (needsHousehold && !r.household) return { ok: false, reason: 'invalid', fields: ['household'] };
  if (r.household && !runCheck(r.household, s.rulebook, { today: todayInNetherlands(s.now()), computedAt: '' }).ok) {
    return { ok: false, reason: 'invalid', fields: ['household'] };
  }
  const email = r.email.trim().toLowerCase();
  const db = s.database.db;
  const now = s.now();
  // The client's budget first: a refused request does not use the mailbox's.
  if (!(await allow(db, `ip:${keyedHash(s.secret, client.ip)}`, LIMITS.perIp.count, LIMITS.perIp.seconds, now)))
    return { ok: false, reason: 'rate-limited' };
  const mailbox = `mailbox:${keyedHash(s.secret, normaliseMailbox(email))}`;
  const mailed = await allow(db, mailbox, LIMITS.perMailbox.count, LIMITS.perMailbox.seconds, now);

  const requestId = randomUUID();
  const confirmBefore = new Date(now.getTime() + RETENTION.unconfirmedDays * 86_400_000);
  const expiresAt = new Date(now);
  expiresAt.setMonth(expiresAt.getMonth() + RETENTION.maximumMonths);
  const result = snapshot(r.household, s, r.schemeIds);
  const confirmHash = hashToken(token(s.secret, 'confirm', requestId));
  const withdrawHash = hashToken(token(s.secret, 'withdraw', requestId));

  await db.transaction(async (tx) => {
    const rows = await tx
      .insert(consents)
      .values(
        r.purposes.map((purpose) => ({
          requestId,
          municipality: r.municipality,
          purpose,
          schemeIds: r.schemeIds,
          language: r.language,
          consentTextVersion: r.consentTextVersion,
          source: r.source,
          organisation: r.source === 'volunteer' ? (r.organisation ?? null) : null,
          email,
          phone: purpose === 'contact' ? (r.phone ?? null) : null,
          household: purpose === 'rule-changes' || r.shareHousehold ? r.household : null,
          result,
          rulebookVersion: s.rulebook.version,
          confirmTokenHash: confirmHash,
          confirmBefore,
          withdrawTokenHash: withdrawHash,
          createdAt: now,
          expiresAt,
        })),
      )
      .returning({ id: consents.id });
    if (!mailed) return;
    await enqueueMessage(s, tx, {
      consentId: rows[0]!.id,
      kind: 'confirmation',
      dedupeKey: `confirmation:${requestId}`,
      language: r.language,
      template: 'confirmation',
    });
    await s.boss.send(
      QUEUES.reminder,
      { request: requestId },
      { db: fromDrizzle(tx, sql), startAfter: RETENTION.reminderAfterDays * 86_400, singletonKey: requestId },
    );
  });
  return { ok: true, requestId, mailed };
}
