/**
 * The warm referral of volunteer mode: a volunteer of a partner organisation sends the resident's
 * case to the worklist of the resident's municipality.
 *
 * With the resident at the desk, the volunteer enters the desk code the municipality issued to their
 * organisation (desk-codes.ts). Then the resident's consent counts as given in person: it is recorded
 * as confirmed, with `source: 'volunteer'` and the organisation's code ("given in the presence of
 * organisation X"), and the case is opened in the same transaction. An e-mail address is optional
 * (many residents helped at a library desk have none); then a phone number is required and the
 * municipality calls. The resident keeps a reference number (RK-XXXX-XXXX) to quote on the phone.
 *
 * Without a valid code nobody vouches that the resident was there: the referral is a contact request
 * like the site's own, pending until the resident confirms it through the link in a mail (double
 * opt-in), so an e-mail address is required, and it counts for no organisation.
 *
 * Organisations see what became of their referrals only as counts (`organisationFigures`), from the
 * take-up ledger, which holds no people; counts below {@link SMALL_COUNT} are not shown. Only
 * referrals made with a desk code count, so nobody outside can move these figures.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { runCheck } from '../../contract/check.ts';
import { LANGUAGES } from '../../contract/household.ts';
import type { PublicResult } from '../../contract/result.ts';
import { todayInNetherlands } from '../../contract/today.ts';
import type { Organisations } from '../../content/organisations.ts';
import { cases, consents, takeUpEvents, TAKE_UP_STAGES, type TakeUpStage } from '../db/schema.ts';
import { allow } from '../security/rate-limit.ts';
import { requestConsent, snapshot } from '../consent/request.ts';
import { hashToken, keyedHash, token } from '../security/secrets.ts';
import { PHONE_PATTERN, RETENTION } from '../../contract/consent.ts';
import { freeReference } from '../consent/reference.ts';
import type { Services } from '../services.ts';
import { ALL, recordStage } from '../takeup/ledger.ts';
import { caseSchemes } from '../worklist/cases.ts';
import { useDeskCode } from './desk-codes.ts';

/** The version of the referral consent text the volunteer reads out (`volunteer.referral.*`). */
export const REFERRAL_TEXT_VERSION = 'volunteer-2026-11-23.1';

/** Referrals per desk (client address) per hour: a busy library desk stays well below this. */
export const REFERRAL_LIMIT = { count: 30, seconds: 3600 } as const;

/** Figures below this are shown as "fewer than 5", so nobody can be recognised in them. */
export const SMALL_COUNT = 5;

export const referralSchema = z
  .strictObject({
    organisation: z.string().min(1).max(40),
    /** The household (check contract JSON); it decides the municipality. */
    household: z.record(z.string(), z.unknown()),
    phone: z.string().trim().regex(PHONE_PATTERN).optional(),
    email: z.email().max(254).optional(),
    language: z.enum(LANGUAGES),
    /** The schemes to talk about; empty means: the flagged ones. */
    schemeIds: z.array(z.string().min(1).max(60)).max(40),
    /** The resident said yes, out loud, to the volunteer. */
    consent: z.literal(true),
    /** The desk code of the organisation: the resident is present. */
    deskCode: z.string().trim().min(1).max(100).optional(),
  })
  .refine((r) => r.phone !== undefined || r.email !== undefined, { path: ['phone'], message: 'phone or email' });
export type ReferralInput = z.infer<typeof referralSchema>;

export type ReferralOutcome =
  | { ok: true; confirmed: true; reference: string; municipality: string; consentId: string }
  | { ok: true; confirmed: false; municipality: string; requestId: string }
  | { ok: false; reason: 'desk-code' }
  | { ok: false; reason: 'email-needed' }
  | { ok: false; reason: 'invalid'; fields: string[] }
  | { ok: false; reason: 'unknown-organisation' }
  | { ok: false; reason: 'rate-limited' };

export { isReference } from '../consent/reference.ts';

export async function createReferral(
  s: Services,
  input: unknown,
  organisations: Organisations,
  client: { ip: string },
): Promise<ReferralOutcome> {
  const parsed = referralSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, reason: 'invalid', fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))] };
  const r = parsed.data;
  const organisation = Object.hasOwn(organisations, r.organisation) ? organisations[r.organisation] : undefined;
  if (!organisation) return { ok: false, reason: 'unknown-organisation' };
  const now = s.now();
  const checked = runCheck(r.household, s.rulebook, { today: todayInNetherlands(now), computedAt: now.toISOString() });
  if (!checked.ok) return { ok: false, reason: 'invalid', fields: ['household'] };
  const municipality = checked.result.municipality.code;
  if (!s.rulebook.places[municipality]) return { ok: false, reason: 'invalid', fields: ['household'] };

  const db = s.database.db;
  if (r.deskCode === undefined) return pendingReferral(s, r, municipality, client, checked.result);
  // Wrong codes count against the desk's limit too, so guessing them gets nowhere.
  if (!(await allow(db, `referral:${keyedHash(s.secret, client.ip)}`, REFERRAL_LIMIT.count, REFERRAL_LIMIT.seconds, now))) {
    return { ok: false, reason: 'rate-limited' };
  }
  if (!(await useDeskCode(s, organisation.code, r.deskCode, { municipality }))) return { ok: false, reason: 'desk-code' };

  const requestId = randomUUID();
  const expiresAt = new Date(now);
  expiresAt.setMonth(expiresAt.getMonth() + RETENTION.maximumMonths);
  // The household was checked once, above; that result is what the consent keeps.
  const result = snapshot(checked.result, s, r.schemeIds);
  const email = r.email?.trim().toLowerCase() ?? null;

  const reference = await freeReference(db);
  const consentId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(consents)
      .values({
        requestId,
        municipality,
        purpose: 'contact',
        status: 'confirmed',
        schemeIds: r.schemeIds,
        language: r.language,
        consentTextVersion: REFERRAL_TEXT_VERSION,
        channel: email ? 'email' : 'phone',
        source: 'volunteer',
        organisation: organisation.code,
        email,
        phone: r.phone ?? null,
        reference,
        household: r.household,
        result,
        rulebookVersion: s.rulebook.version,
        // Never mailed: the consent was given in person. The hash only fills the column.
        confirmTokenHash: hashToken(token(s.secret, 'confirm', requestId)),
        confirmBefore: now,
        withdrawTokenHash: hashToken(token(s.secret, 'withdraw', requestId)),
        createdAt: now,
        confirmedAt: now,
        expiresAt,
      })
      .returning();
    const consent = row!;
    await tx.insert(cases).values({ consentId: consent.id, municipality, counted: ['consented'], createdAt: now, updatedAt: now });
    await recordStage(
      tx,
      { municipality, source: 'volunteer', organisation: organisation.code, campaignId: null },
      'consented',
      [ALL, ...caseSchemes(consent)],
      now,
    );
    return consent.id;
  });
  return { ok: true, confirmed: true, reference, municipality, consentId };
}

/**
 * A referral without a desk code: the site's own contact request (double opt-in), with the answers,
 * pending until the resident confirms by mail; it counts for no organisation.
 */
async function pendingReferral(
  s: Services,
  r: ReferralInput,
  municipality: string,
  client: { ip: string },
  checked: PublicResult,
): Promise<ReferralOutcome> {
  if (r.email === undefined) return { ok: false, reason: 'email-needed' };
  const request = await requestConsent(
    s,
    {
      email: r.email,
      ...(r.phone ? { phone: r.phone } : {}),
      purposes: ['contact'],
      schemeIds: r.schemeIds,
      municipality,
      language: r.language,
      shareHousehold: true,
      household: r.household,
      consentTextVersion: REFERRAL_TEXT_VERSION,
      source: 'resident',
    },
    client,
    checked,
  );
  if (request.ok) return { ok: true, confirmed: false, municipality, requestId: request.requestId };
  if (request.reason === 'rate-limited') return { ok: false, reason: 'rate-limited' };
  return { ok: false, reason: 'invalid', fields: request.reason === 'invalid' ? request.fields : ['household'] };
}

/** A figure for an organisation: `undefined` when it is below {@link SMALL_COUNT} (but not 0). */
export interface Figure {
  stage: TakeUpStage;
  count: number | undefined;
  suppressed: boolean;
}

export interface OrganisationFigures {
  organisation: string;
  /** Per stage: referrals made (consented) and what became of them. */
  stages: Figure[];
}

/**
 * What became of an organisation's referrals: per stage of the worklist, how many residents reached
 * it. Only counts from the take-up ledger (scheme `*`: one row per resident and stage), never a
 * person; small counts are suppressed.
 */
export async function organisationFigures(s: Services, organisation: string): Promise<OrganisationFigures> {
  const rows = await s.database.db
    .select({ stage: takeUpEvents.stage, count: sql<string>`coalesce(sum(${takeUpEvents.count}), 0)` })
    .from(takeUpEvents)
    .where(and(eq(takeUpEvents.source, 'volunteer'), eq(takeUpEvents.organisation, organisation), eq(takeUpEvents.schemeId, ALL)))
    .groupBy(takeUpEvents.stage);
  const byStage = new Map(rows.map((r) => [r.stage, Number(r.count)]));
  return {
    organisation,
    stages: TAKE_UP_STAGES.map((stage) => {
      const n = byStage.get(stage) ?? 0;
      const suppressed = n > 0 && n < SMALL_COUNT;
      return { stage, count: suppressed ? undefined : n, suppressed };
    }),
  };
}
