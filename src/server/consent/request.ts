/**
 * A resident asks to be contacted: one consent record per purpose, pending until confirmed through
 * the link in a mail (double opt-in). A resident with only a phone number asks to be called: the request
 * waits, with a reference number, for the municipality's first call, which begins by asking whether she
 * asked for it (src/server/worklist/phone-requests.ts); it goes after {@link RETENTION.unconfirmedPhoneDays}
 * days without that call. Only the data each purpose needs is kept: the household's
 * answers only when the resident chose to share them, or when they asked to hear about rule changes
 * (re-screening needs them). The records, the confirmation message and its job are written in one
 * transaction, so a crash never leaves a request without its mail or a mail without its request.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { fromDrizzle } from 'pg-boss';
import { runCheck } from '../../contract/check.ts';
import { consentRequestSchema, RETENTION, type ConsentRequest } from '../../contract/consent.ts';
import type { PublicResult } from '../../contract/result.ts';
import { todayInNetherlands } from '../../contract/today.ts';
import { consents, type ResultSnapshot } from '../db/schema.ts';
import { enqueueMessage } from '../messages/enqueue.ts';
import { QUEUES } from '../queue/queues.ts';
import type { Services } from '../services.ts';
import { normaliseMailbox } from './mailbox.ts';
import { freeReference } from './reference.ts';
import { allow } from '../security/rate-limit.ts';
import { hashToken, keyedHash, token } from '../security/secrets.ts';

export type RequestOutcome =
  /** `mailed`: false when the mailbox had its mails for the day; the request is kept and any earlier link confirms it. */
  | { ok: true; channel: 'email'; requestId: string; mailed: boolean }
  /** Only a phone number: the municipality calls; `reference` is what the resident quotes. */
  | { ok: true; channel: 'phone'; requestId: string; reference: string }
  | { ok: false; reason: 'invalid'; fields: string[] }
  | { ok: false; reason: 'rate-limited' }
  | { ok: false; reason: 'unknown-municipality' };

/**
 * Limits: requests per client address per hour, whatever they are for; and mails per mailbox a day
 * (normalised: plus-tags and Gmail's dots do not make another mailbox). A request over the mailbox's
 * limit is still kept, without a mail of its own: so nobody can lock a mailbox's owner out by
 * asking first, the link in any earlier mail to that mailbox lets its owner confirm it (confirm.ts).
 */
export const LIMITS = {
  /** The count is the deployment's (CONSENT_PER_CLIENT_PER_HOUR, default 10: src/server/config.ts). */
  perIp: { seconds: 3600 },
  perMailbox: { count: 3, seconds: 86_400 },
  /** Requests to be called per phone number a day: a wrong or someone else's number costs a municipality few calls. */
  perPhone: { count: 2, seconds: 86_400 },
} as const;

/**
 * What a consent keeps of the result: the schemes the check flagged with their amounts, when the
 * resident shared the answers (`result`); without them only the ids of the schemes she was shown.
 */
export function snapshot(result: PublicResult | undefined, s: Services, schemeIds: string[]): ResultSnapshot {
  if (result) {
    return {
      referenceDate: result.referenceDate,
      schemes: result.schemes
        .filter((x) => x.status !== 'not-eligible')
        .map((x) => ({ id: x.id, status: x.status, monthly: x.amount.monthly, yearly: x.amount.yearly })),
    };
  }
  return { referenceDate: todayInNetherlands(s.now()), schemes: schemeIds.map((id) => ({ id, status: 'flagged', monthly: 0, yearly: 0 })) };
}

/** The result of shared answers, checked as of today; undefined when the contract refuses them. */
export function checkShared(household: Record<string, unknown>, s: Services): PublicResult | undefined {
  const r = runCheck(household, s.rulebook, { today: todayInNetherlands(s.now()), computedAt: s.now().toISOString() });
  return r.ok ? r.result : undefined;
}

/**
 * `checked`: the result the caller already computed on the server from this very household (the
 * consent page computes it from the answers to show the form), so the engine does not run again.
 * Without it, a household in the request is checked here, once, and that result is what is kept.
 */
export async function requestConsent(
  s: Services,
  input: unknown,
  client: { ip: string },
  checked?: PublicResult | undefined,
): Promise<RequestOutcome> {
  const parsed = consentRequestSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, reason: 'invalid', fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))] };
  const r = parsed.data;
  if (!s.rulebook.places[r.municipality]) return { ok: false, reason: 'unknown-municipality' };
  const needsHousehold = r.purposes.includes('rule-changes') || r.shareHousehold;
  if (needsHousehold && !r.household) return { ok: false, reason: 'invalid', fields: ['household'] };
  // Only shared answers give amounts to keep; without them the consent keeps the scheme ids alone.
  const shared = r.household ? (checked ?? checkShared(r.household, s)) : undefined;
  if (r.household && !shared) return { ok: false, reason: 'invalid', fields: ['household'] };
  const result = snapshot(shared, s, r.schemeIds);
  const db = s.database.db;
  const now = s.now();
  // The client's budget first: a refused request does not use the mailbox's.
  if (!(await allow(db, `ip:${keyedHash(s.secret, client.ip)}`, s.config.consentPerClientPerHour, LIMITS.perIp.seconds, now)))
    return { ok: false, reason: 'rate-limited' };
  if (r.email === undefined) return requestCall(s, r, r.phone ?? '', result);
  const email = r.email.trim().toLowerCase();
  const mailbox = `mailbox:${keyedHash(s.secret, normaliseMailbox(email))}`;
  const mailed = await allow(db, mailbox, LIMITS.perMailbox.count, LIMITS.perMailbox.seconds, now);

  const requestId = randomUUID();
  const confirmBefore = new Date(now.getTime() + RETENTION.unconfirmedDays * 86_400_000);
  const expiresAt = new Date(now);
  expiresAt.setMonth(expiresAt.getMonth() + RETENTION.maximumMonths);
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
  return { ok: true, channel: 'email', requestId, mailed };
}

/** Digits only, with the Dutch trunk prefix for +31 / 0031: "06-12 34 56 78" and "+31 6 12345678" are one number. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.startsWith('0031')) return `0${digits.slice(4)}`;
  if (phone.trim().startsWith('+31')) return `0${digits.slice(2)}`;
  return digits;
}

/**
 * A request to be called, without an e-mail address: one `contact` consent, pending until the first call
 * confirms it, with a reference number. No mail, no reminder. The answers are kept only when she chose to
 * share them, as with e-mail.
 */
async function requestCall(s: Services, r: ConsentRequest, phone: string, result: ResultSnapshot): Promise<RequestOutcome> {
  const db = s.database.db;
  const now = s.now();
  if (!(await allow(db, `phone:${keyedHash(s.secret, normalisePhone(phone))}`, LIMITS.perPhone.count, LIMITS.perPhone.seconds, now)))
    return { ok: false, reason: 'rate-limited' };
  const requestId = randomUUID();
  const expiresAt = new Date(now);
  expiresAt.setMonth(expiresAt.getMonth() + RETENTION.maximumMonths);
  const reference = await freeReference(db);
  await db.insert(consents).values({
    requestId,
    municipality: r.municipality,
    purpose: 'contact',
    schemeIds: r.schemeIds,
    language: r.language,
    consentTextVersion: r.consentTextVersion,
    source: r.source,
    organisation: r.source === 'volunteer' ? (r.organisation ?? null) : null,
    channel: 'phone',
    email: null,
    phone,
    reference,
    household: r.shareHousehold ? r.household : null,
    result,
    rulebookVersion: s.rulebook.version,
    // Never mailed: the first call confirms it. The hashes only fill the columns.
    confirmTokenHash: hashToken(token(s.secret, 'confirm', requestId)),
    confirmBefore: new Date(now.getTime() + RETENTION.unconfirmedPhoneDays * 86_400_000),
    withdrawTokenHash: hashToken(token(s.secret, 'withdraw', requestId)),
    createdAt: now,
    expiresAt,
  });
  return { ok: true, channel: 'phone', requestId, reference };
}
