/**
 * The database schema (drizzle, PostgreSQL dialect): the same tables on embedded PGlite and on a
 * PostgreSQL server, with one set of committed migrations (`migrations/`).
 *
 * Personal data of residents lives only in `consents` (and, in development, in `outbox`), in the
 * worklist's `cases` and `case_events` (deleted with their consent) and in `screening_rows` (deleted
 * with their import). Every other table refers to it by id. Retention jobs delete it
 * (src/server/consent/retention.ts).
 */
import { sql } from 'drizzle-orm';
import { CONSENT_PURPOSES } from '../../contract/consent.ts';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_STATUSES = ['pending', 'confirmed'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/**
 * One consent per purpose. A resident's request can hold several (one per ticked purpose); they share
 * a request id, a confirmation token and a withdrawal token. Withdrawal deletes the rows.
 */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    municipality: text('municipality').notNull(),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    status: text('status', { enum: CONSENT_STATUSES }).notNull().default('pending'),
    /** The schemes the resident asked to be contacted about (ids). */
    schemeIds: jsonb('scheme_ids').$type<string[]>().notNull(),
    language: text('language').notNull(),
    /** Version of the consent text the resident saw (src/contract/consent.ts). */
    consentTextVersion: text('consent_text_version').notNull(),
    /** How the resident wants to be reached: by e-mail, or only by phone (a referral without e-mail address). */
    channel: text('channel', { enum: ['email', 'phone'] })
      .notNull()
      .default('email'),
    /** Who recorded the consent: the resident, or a volunteer organisation in the resident's presence. */
    source: text('source', { enum: ['resident', 'volunteer'] })
      .notNull()
      .default('resident'),
    organisation: text('organisation'),
    /** Empty only for a volunteer's referral of a resident without an e-mail address (then `phone` is set). */
    email: text('email'),
    phone: text('phone'),
    /** The reference number a referred resident keeps (src/server/referral/), for example RK-7K4M-2QXP. */
    reference: text('reference'),
    /** The household's answers (check contract JSON), only when the resident chose to share them. */
    household: jsonb('household'),
    /** The flagged schemes at the time of consent: id, status and amounts. */
    result: jsonb('result').$type<ResultSnapshot>(),
    rulebookVersion: text('rulebook_version').notNull(),
    confirmTokenHash: text('confirm_token_hash').notNull(),
    confirmBefore: timestamp('confirm_before', { withTimezone: true }).notNull(),
    withdrawTokenHash: text('withdraw_token_hash').notNull(),
    createdAt: createdAt(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** The latest moment the data may be kept (12 months after consent unless the municipality sets less). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** When the municipality closed the case; the data goes 30 days later. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('consents_request_idx').on(t.requestId),
    index('consents_confirm_token_idx').on(t.confirmTokenHash),
    index('consents_withdraw_token_idx').on(t.withdrawTokenHash),
    index('consents_status_purpose_idx').on(t.status, t.purpose),
    index('consents_municipality_idx').on(t.municipality),
    uniqueIndex('consents_reference_idx').on(t.reference),
  ],
);

export interface ResultSnapshot {
  referenceDate: string;
  schemes: { id: string; status: string; monthly: number; yearly: number }[];
  /** After re-screening: the schemes that became available or better. */
  changed?: string[];
}

export const MESSAGE_KINDS = ['confirmation', 'outreach', 'rule-change', 'reminder', 'campaign'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Every mail Rondkomen sends or means to send: the send log. `dedupeKey` makes "one mail per consent
 * per purpose or campaign" a database rule. No addresses here; the job loads the consent.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consentId: uuid('consent_id').references(() => consents.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    campaignId: uuid('campaign_id'),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('queued'),
    /** The RFC 5322 Message-ID, fixed when the message is created so a retry sends the same one. */
    messageId: text('message_id').notNull(),
    language: text('language').notNull(),
    templateVersion: text('template_version').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('messages_dedupe_key_idx').on(t.dedupeKey),
    index('messages_status_idx').on(t.status),
    index('messages_consent_idx').on(t.consentId),
  ],
);

/** Development mail outbox: each mail as it would have gone out, viewable on /dev/outbox. */
export const outbox = pgTable('outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  messageId: text('message_id').notNull(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  raw: text('raw').notNull(),
  createdAt: createdAt(),
});

/** Fixed-window counters for rate limits; keys are keyed hashes, never addresses or IPs. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});

/** Small pieces of state shared by all instances (for example the rulebook version last re-screened). */
export const appState = pgTable('app_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

// ---------------------------------------------------------------------------------------------
// The staff console (src/pages/beheer/): staff accounts and sessions, the worklist, campaigns,
// screening of municipal data, the audit log and the take-up figures. Personal data of residents
// lives in `cases` and `case_events` (deleted with their consent) and in `screening_rows` (deleted
// with their import); the figures in `take_up_events` and `check_counts` are counts without people.
// ---------------------------------------------------------------------------------------------

export const STAFF_ROLES = ['admin', 'caseworker', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A member of staff: one person, one login. What they may do and where is in `staff_memberships`. */
export const staff = pgTable('staff', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The login name, lower case. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** PHC string of an argon2id hash (src/server/staff/passwords.ts). */
  passwordHash: text('password_hash').notNull(),
  /** Set when someone else chose the password (a new account, a reset): it must be changed first. */
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  /** The console's language for this person. */
  language: text('language', { enum: ['nl', 'en'] })
    .notNull()
    .default('nl'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: createdAt(),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  /** The second factor (src/server/staff/totp.ts): the TOTP secret, encrypted, once set up and confirmed. */
  totpSecret: text('totp_secret'),
  /** A secret being set up, until the person confirms it with a code. */
  totpPending: text('totp_pending'),
  /** The 30-second step of the last code accepted, so no code works twice. */
  totpLastStep: integer('totp_last_step'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
});

/** A role in one municipality. Staff of a shared service (a werkplein) can have several. */
export const staffMemberships = pgTable(
  'staff_memberships',
  {
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    municipality: text('municipality').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    createdAt: createdAt(),
    /**
     * When the person took up the membership. Until then it is an invitation: it gives no access,
     * and the inviting municipality sees only what its admin typed (src/server/staff/accounts.ts).
     */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** Keyed hash of the one-time invitation code, while the invitation is open. */
    inviteCodeHash: text('invite_code_hash'),
    /** The name the inviting admin typed, shown to that municipality until the person accepts. */
    invitedName: text('invited_name'),
    invitedBy: uuid('invited_by'),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.municipality] }), index('staff_memberships_municipality_idx').on(t.municipality)],
);

/** A signed-in browser. The cookie holds a random token; only its hash is stored here. */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: text('id').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    /** The municipality the person works in during this session (one of their memberships). */
    municipality: text('municipality').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /**
     * Set when the municipality's identity provider signed the person in (src/server/staff/sso.ts):
     * the session is bound to that municipality and cannot switch to another one.
     */
    ssoMunicipality: text('sso_municipality'),
    /** The identity provider vouched for a second factor (its `amr`, or the admin's statement). */
    ssoSecondFactor: boolean('sso_second_factor').notNull().default(false),
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffId), index('staff_sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Who did or saw what, when: every view of personal data and every change. Append-only; it names
 * records by id (a consent id says nothing once the consent is deleted) and never holds addresses.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Empty for events outside a municipality (a failed login). */
    municipality: text('municipality').notNull(),
    staffId: uuid('staff_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    /** Keyed hash of the client address, to see that attempts came from one place. */
    client: text('client'),
  },
  (t) => [
    index('audit_log_municipality_at_idx').on(t.municipality, t.at),
    index('audit_log_subject_idx').on(t.subjectId),
    index('audit_log_staff_idx').on(t.staffId),
  ],
);

export const CASE_STATUSES = ['new', 'contacted', 'appointment', 'applied', 'granted', 'rejected', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const OUTCOMES = ['applied', 'granted', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What came of one scheme in a case; `yearly` is the granted amount per year in cents. */
export type CaseOutcomes = Record<string, { outcome: Outcome; yearly?: number | undefined }>;

/**
 * The worklist: one case per confirmed `contact` consent. It goes when the consent goes (withdrawal,
 * 30 days after closing, expiry), with its history.
 */
export const cases = pgTable(
  'cases',
  {
    consentId: uuid('consent_id')
      .primaryKey()
      .references(() => consents.id, { onDelete: 'cascade' }),
    municipality: text('municipality').notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('new'),
    assignedTo: uuid('assigned_to').references(() => staff.id, { onDelete: 'set null' }),
    /** The campaign whose mail was the first contact, for the figures per campaign. */
    campaignId: uuid('campaign_id'),
    outcomes: jsonb('outcomes').$type<CaseOutcomes>().notNull().default({}),
    /** The stages already counted in `take_up_events`, so going back and forth counts once. */
    counted: jsonb('counted').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cases_municipality_status_idx').on(t.municipality, t.status), index('cases_assigned_idx').on(t.assignedTo)],
);

export const CASE_EVENT_TYPES = ['status', 'assigned', 'note', 'outcome', 'campaign', 'call'] as const;

/** The history of a case: status changes, assignments, notes, outcomes and campaign mails. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consentId: uuid('consent_id')
      .notNull()
      .references(() => cases.consentId, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Empty for events by the system (a campaign mail). */
    staffId: uuid('staff_id').references(() => staff.id, { onDelete: 'set null' }),
    type: text('type', { enum: CASE_EVENT_TYPES }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('case_events_consent_idx').on(t.consentId, t.at)],
);

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'done', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Who a campaign is for; see src/server/campaigns/segments.ts. */
export type Segment =
  | { kind: 'schemes'; schemeIds: string[] }
  | { kind: 'household'; types: string[] }
  | { kind: 'life-event'; event: string; /** How far ahead, in months (default 12). */ months?: number }
  | { kind: 'list'; source: 'upload' | 'screening'; label: string; entries: number };

export type CampaignTemplates = Partial<Record<string, { subject: string; body: string }>>;

/** An outreach campaign to consented residents of one municipality. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipality: text('municipality').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    segment: jsonb('segment').$type<Segment>().notNull(),
    /** For a list segment: keyed hashes of the addresses on the list (never the addresses). */
    listHashes: jsonb('list_hashes').$type<string[]>(),
    /** Subject and body per language; Dutch is required and is used for languages without a text. */
    templates: jsonb('templates').$type<CampaignTemplates>().notNull(),
    /** The consent ids the segment reached when sending started: the campaign goes to them only. */
    audience: jsonb('audience').$type<string[]>(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /**
     * The dispatch chain's token: each dispatch job carries the generation it was made for and bumps
     * it, in the transaction that hands its batch to the send queue and makes the next job. A job of
     * an older generation (a duplicate, or one from before a pause) does nothing.
     */
    generation: integer('generation').notNull().default(0),
    createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaigns_municipality_idx').on(t.municipality, t.createdAt)],
);

export const LEGAL_BASES = ['wgs-vroegsignalering', 'ambtshalve-eigen-klanten', 'participatiewet-onderzoek'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

/** An upload of households from the municipality's own data, screened in the queue. */
export const screeningImports = pgTable(
  'screening_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipality: text('municipality').notNull(),
    legalBasis: text('legal_basis', { enum: LEGAL_BASES }).notNull(),
    /** The municipality's own reference for the basis, for example a decision or DPIA number. */
    legalReference: text('legal_reference').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['csv', 'ndjson'] }).notNull(),
    status: text('status', { enum: IMPORT_STATUSES }).notNull().default('queued'),
    /** The uploaded file until it is screened; then it is removed. */
    raw: text('raw'),
    failure: text('failure'),
    referenceDate: text('reference_date'),
    rulebookVersion: text('rulebook_version'),
    counts: jsonb('counts').$type<{ rows: number; errors: number; qualifying: number; exOfficio: number; withoutEmail: number }>(),
    createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    /** When a worker took the import; a run that stopped without finishing is taken over after a while. */
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('screening_imports_municipality_idx').on(t.municipality, t.createdAt)],
);

/** Contact details of a screened household, only for the letter and the result file. */
export interface ScreeningContact {
  name?: string | undefined;
  address?: string | undefined;
  postcode?: string | undefined;
  city?: string | undefined;
  email?: string | undefined;
}

/**
 * A problem with a line of an upload: a code with parameters (texts in console.json), or a message
 * already written by the check contract. `path` is the column (CSV) or field (NDJSON) at fault.
 */
export interface ScreeningProblem {
  path: string;
  code?: string | undefined;
  params?: Record<string, string | number> | undefined;
  message?: string | undefined;
}

/** The compact result of one household: per scheme that is not `not-eligible`. */
export interface ScreeningResult {
  schemes: { id: string; status: string; monthly: number; yearly: number; exOfficio: boolean }[];
  disposable: { monthly: number; norm: number; status: string };
}

export const screeningRows = pgTable(
  'screening_rows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    importId: uuid('import_id')
      .notNull()
      .references(() => screeningImports.id, { onDelete: 'cascade' }),
    /** Line in the uploaded file (1 = the first line; for CSV the header is line 1). */
    line: integer('line').notNull(),
    externalId: text('external_id'),
    contact: jsonb('contact').$type<ScreeningContact>(),
    result: jsonb('result').$type<ScreeningResult>(),
    errors: jsonb('errors').$type<ScreeningProblem[]>(),
    /** The household's e-mail address is that of a resident who already asked for help (in the worklist). */
    inWorklist: boolean('in_worklist').notNull().default(false),
  },
  (t) => [index('screening_rows_import_idx').on(t.importId, t.line)],
);

export const TAKE_UP_STAGES = ['consented', 'contacted', 'appointment', 'applied', 'granted', 'rejected'] as const;
export type TakeUpStage = (typeof TAKE_UP_STAGES)[number];

/**
 * The take-up ledger: one row per stage a case reached, per scheme and once with scheme `*` for the
 * resident, without any link to the person, so the figures stay when the data goes. A correction
 * (a grant undone) is a row with count -1.
 */
export const takeUpEvents = pgTable(
  'take_up_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipality: text('municipality').notNull(),
    day: date('day').notNull(),
    stage: text('stage', { enum: TAKE_UP_STAGES }).notNull(),
    schemeId: text('scheme_id').notNull(),
    source: text('source', { enum: ['resident', 'volunteer'] }).notNull(),
    organisation: text('organisation').notNull().default(''),
    campaignId: uuid('campaign_id'),
    count: integer('count').notNull(),
    /** For `granted`: the amount per year in cents. */
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
  },
  (t) => [index('take_up_events_municipality_idx').on(t.municipality, t.day)],
);

/** Checks run and schemes flagged per day, municipality, source and scheme (`*`: the check itself). */
export const checkCounts = pgTable(
  'check_counts',
  {
    day: date('day').notNull(),
    municipality: text('municipality').notNull(),
    source: text('source', { enum: ['site', 'api', 'volunteer', 'screening'] }).notNull(),
    organisation: text('organisation').notNull().default(''),
    schemeId: text('scheme_id').notNull(),
    checks: integer('checks').notNull().default(0),
    flagged: integer('flagged').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.municipality, t.source, t.organisation, t.schemeId] })],
);

/**
 * A desk code: the credential a municipality issues to a partner organisation's desk, so that a
 * referral made with the resident present counts as consent given in person (src/server/referral/).
 * Only a keyed hash of the code is kept; a code can be revoked, and every use is logged.
 */
export const deskCodes = pgTable(
  'desk_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The municipality that issued the code: the organisation's own. */
    municipality: text('municipality').notNull(),
    organisation: text('organisation').notNull(),
    /** Which desk or volunteer team, for the people who manage the codes. */
    label: text('label').notNull(),
    codeHash: text('code_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('desk_codes_municipality_idx').on(t.municipality)],
);

/**
 * Single sign-on for one municipality's staff with its own OpenID Connect provider
 * (src/server/staff/sso.ts). The client secret is kept encrypted with a key derived from the server
 * secret and is never shown again.
 */
export const staffSsoConfigs = pgTable('staff_sso_configs', {
  municipality: text('municipality').primaryKey(),
  /** The name on the login button ("Inloggen met …"). */
  label: text('label').notNull(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  /** AES-256-GCM, iv.tag.ciphertext (src/server/staff/sso.ts). */
  clientSecretSealed: text('client_secret_sealed').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  /** Whether this municipality's staff may still log in with a password. */
  passwordLogin: boolean('password_login').notNull().default(true),
  /** The admin states that the provider always asks for a second factor. */
  providerEnforcesMfa: boolean('provider_enforces_mfa').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => staff.id, { onDelete: 'set null' }),
});

/**
 * An identity at a municipality's provider (issuer and subject) linked to a staff account, made at
 * the first SSO login by the provider's verified e-mail address; never an account of its own.
 */
export const staffSsoLinks = pgTable(
  'staff_sso_links',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    /**
     * The municipality whose provider it is: the only one this identity can sign in to. Part of the
     * key, so two municipalities that share a provider each link their own staff.
     */
    municipality: text('municipality').notNull(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.municipality, t.issuer, t.subject] }), index('staff_sso_links_staff_idx').on(t.staffId)],
);
