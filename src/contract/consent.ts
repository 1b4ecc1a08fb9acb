/**
 * The consent request as the site sends it and the server accepts it (src/server/consent/request.ts),
 * with the consent policy both sides show and apply: the version of the texts a resident agrees to,
 * and how long what they gave is kept.
 */
import { z } from 'zod';
import { LANGUAGES } from './household.ts';

/** What a resident may agree to: to be contacted about their result, and to hear about rule changes. */
export const CONSENT_PURPOSES = ['contact', 'rule-changes'] as const;

/**
 * The version of the consent texts residents see before they ask to be contacted. Change it whenever
 * the wording in the site catalogues (`consent.*`) changes: every consent record keeps the version it
 * was given under.
 */
export const CONSENT_TEXT_VERSION = '2026-12-06.2';

/**
 * Retention: unconfirmed requests go after 7 days, everything at the latest 12 months after consent. A
 * request with only a phone number is confirmed in the municipality's first call; it waits for that call
 * for at most 14 days.
 */
export const RETENTION = {
  unconfirmedDays: 7,
  unconfirmedPhoneDays: 14,
  reminderAfterDays: 3,
  maximumMonths: 12,
  afterClosedDays: 30,
  outboxDays: 30,
} as const;

/** A phone number as people write it: digits, spaces, brackets and dashes, perhaps a leading +. */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{7,19}$/;

/**
 * An e-mail address, a phone number, or both. With only a phone number the request can be for contact
 * alone (hearing about rule changes goes by mail), and it is confirmed in the municipality's first call
 * instead of by a link in a mail (src/server/consent/request.ts).
 */
export const consentRequestSchema = z
  .strictObject({
    email: z.email().max(254).optional(),
    phone: z.string().trim().regex(PHONE_PATTERN).optional(),
    purposes: z.array(z.enum(CONSENT_PURPOSES)).min(1).max(2),
    schemeIds: z.array(z.string().min(1).max(60)).max(40),
    municipality: z.string().regex(/^GM\d{4}$/),
    language: z.enum(LANGUAGES),
    shareHousehold: z.boolean(),
    household: z.record(z.string(), z.unknown()).optional(),
    consentTextVersion: z.string().min(1).max(40),
    source: z.enum(['resident', 'volunteer']),
    organisation: z.string().min(1).max(80).optional(),
  })
  .refine((r) => r.email !== undefined || r.phone !== undefined, { path: ['email'], message: 'email or phone' })
  .refine((r) => r.email !== undefined || !r.purposes.includes('rule-changes'), { path: ['email'], message: 'rule changes go by mail' });
export type ConsentRequest = z.infer<typeof consentRequestSchema>;
