/**
 * The version of the consent texts residents see before they ask to be contacted. Change it whenever
 * the wording in the site catalogues (`consent.*`) changes: every consent record keeps the version it
 * was given under.
 */
export const CONSENT_TEXT_VERSION = '2026-11-22.1';

/** Retention: unconfirmed requests go after 7 days, everything at the latest 12 months after consent. */
export const RETENTION = {
  unconfirmedDays: 7,
  reminderAfterDays: 3,
  maximumMonths: 12,
  afterClosedDays: 30,
  outboxDays: 30,
} as const;
