/**
 * The worklist: residents who asked to be contacted (a confirmed `contact` consent) in one
 * municipality. Every function takes the signed-in person and reads or changes only cases of the
 * municipality of their session; a case of another municipality does not exist for them.
 *
 * A case moves new → contacted → appointment → applied → granted / rejected / closed. Staff may step
 * back (mistakes happen); the history keeps every step. Granted, rejected and closed close the case:
 * the consent's `closedAt` is set and the data goes 30 days later (src/server/consent/retention.ts),
 * unless the case is reopened before then.
 */
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Language } from '../../engine/rulebook.ts';
import type { Db } from '../db/client.ts';
import {
  caseEvents,
  cases,
  campaigns,
  consents,
  messages,
  staff,
  staffMemberships,
  CASE_STATUSES,
  OUTCOMES,
  type CaseOutcomes,
  type CaseStatus,
  type Outcome,
  type TakeUpStage,
} from '../db/schema.ts';
import { schemeNames } from '../consent/links.ts';
import { audit } from '../audit/log.ts';
import { inTransaction, type Services } from '../services.ts';
import { isUuid } from '../staff/accounts.ts';
import { amsterdamTime, isIsoDate, nextDay } from '../staff/dates.ts';
import type { ConsoleUser } from '../staff/sessions.ts';
import { ALL, recordAmountChange, recordStage, type Origin } from '../takeup/ledger.ts';

export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'contacted', 'appointment', 'applied'];
export const FINAL_STATUSES: readonly CaseStatus[] = ['granted', 'rejected', 'closed'];

export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
}

/** Who the case is about: the part of the consent a scope check needs. */
type ConsentRow = typeof consents.$inferSelect;

/** The schemes a case is about: the ones the resident asked about, else the flagged ones of the snapshot. */
export function caseSchemes(consent: Pick<ConsentRow, 'schemeIds' | 'result'>): string[] {
  if (consent.schemeIds.length > 0) return [...consent.schemeIds];
  return (consent.result?.schemes ?? [])
    .filter((x) => x.status === 'eligible' || x.status === 'maybe' || x.status === 'flagged')
    .map((x) => x.id);
}

export function originOf(consent: Pick<ConsentRow, 'municipality' | 'source' | 'organisation'>, campaignId: string | null): Origin {
  return { municipality: consent.municipality, source: consent.source, organisation: consent.organisation, campaignId };
}

/** A request to be called (phone only) that waits for the call that confirms it, and has not expired. */
export function awaitingCall(now: Date): SQL {
  return and(eq(consents.status, 'pending'), eq(consents.channel, 'phone'), gt(consents.confirmBefore, now))!;
}

/**
 * Opens a case for every confirmed `contact` consent that has none yet, and for every request to be
 * called that waits for its first call; the confirmed ones count as consented.
 * Runs when the worklist is shown and every few minutes in the queue, so the figures are right even
 * when nobody looks. Idempotent.
 */
export async function syncCases(s: Services, municipality?: string): Promise<number> {
  let opened = 0;
  // In rounds, so thousands of new consents (a campaign's replies) never make one giant statement.
  for (;;) {
    const round = await openCases(s, municipality, SYNC_BATCH);
    opened += round.opened;
    if (round.seen < SYNC_BATCH) return opened;
  }
}

const SYNC_BATCH = 500;

async function openCases(s: Services, municipality: string | undefined, limit: number): Promise<{ seen: number; opened: number }> {
  const db = s.database.db;
  const now = s.now();
  return db.transaction(async (tx) => {
    const waiting = await tx
      .select({ consent: consents })
      .from(consents)
      .leftJoin(cases, eq(cases.consentId, consents.id))
      .where(
        and(
          eq(consents.purpose, 'contact'),
          or(eq(consents.status, 'confirmed'), awaitingCall(now)),
          isNull(cases.consentId),
          ...(municipality ? [eq(consents.municipality, municipality)] : []),
        ),
      )
      .limit(limit);
    if (waiting.length === 0) return { seen: 0, opened: 0 };
    const inserted = await tx
      .insert(cases)
      .values(
        waiting.map(({ consent }) => ({
          consentId: consent.id,
          municipality: consent.municipality,
          // A request to be called counts as consented once the call confirms it (phone-requests.ts).
          counted: consent.status === 'confirmed' ? ['consented'] : [],
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ consentId: cases.consentId });
    const opened = new Set(inserted.map((r) => r.consentId));
    for (const { consent } of waiting) {
      if (!opened.has(consent.id) || consent.status !== 'confirmed') continue;
      await recordStage(tx, originOf(consent, null), 'consented', [ALL, ...caseSchemes(consent)], consent.confirmedAt ?? now);
    }
    return { seen: waiting.length, opened: opened.size };
  });
}

export interface WorklistFilters {
  status: 'open' | 'all' | CaseStatus;
  scheme?: string | undefined;
  language?: string | undefined;
  source?: 'resident' | 'volunteer' | undefined;
  organisation?: string | undefined;
  /** `me`, `none` (unassigned), or a staff id. */
  assigned?: string | undefined;
  /** Confirmed on or after this Dutch date (YYYY-MM-DD). */
  from?: string | undefined;
  /** Confirmed on or before this Dutch date. */
  to?: string | undefined;
  sort: 'oldest' | 'newest';
}

/** Filters from a query string; anything unknown is ignored. */
export function parseFilters(params: URLSearchParams): WorklistFilters {
  const status = params.get('status') ?? 'open';
  const source = params.get('bron');
  return {
    status: status === 'all' || status === 'open' || isCaseStatus(status) ? (status as WorklistFilters['status']) : 'open',
    scheme: params.get('regeling') || undefined,
    language: params.get('taal') || undefined,
    source: source === 'resident' || source === 'volunteer' ? source : undefined,
    organisation: params.get('organisatie')?.slice(0, 80) || undefined,
    assigned: params.get('behandelaar') || undefined,
    from: isIsoDate(params.get('van')) ? params.get('van')! : undefined,
    to: isIsoDate(params.get('tot')) ? params.get('tot')! : undefined,
    sort: params.get('volgorde') === 'nieuwste' ? 'newest' : 'oldest',
  };
}

export function filtersToQuery(f: WorklistFilters): URLSearchParams {
  const q = new URLSearchParams();
  if (f.status !== 'open') q.set('status', f.status);
  if (f.scheme) q.set('regeling', f.scheme);
  if (f.language) q.set('taal', f.language);
  if (f.source) q.set('bron', f.source);
  if (f.organisation) q.set('organisatie', f.organisation);
  if (f.assigned) q.set('behandelaar', f.assigned);
  if (f.from) q.set('van', f.from);
  if (f.to) q.set('tot', f.to);
  if (f.sort === 'newest') q.set('volgorde', 'nieuwste');
  return q;
}

export interface WorklistRow {
  consentId: string;
  status: CaseStatus;
  /** A request to be called whose first call has not confirmed it yet. */
  awaitingCall: boolean;
  confirmedAt: Date;
  schemeIds: string[];
  language: string;
  source: 'resident' | 'volunteer';
  organisation: string | null;
  yearly: number;
  assignee: string | null;
  assignedTo: string | null;
  updatedAt: Date;
}

function filterConditions(user: ConsoleUser, f: WorklistFilters): SQL[] {
  const c: SQL[] = [eq(cases.municipality, user.municipality)];
  if (f.status === 'open') c.push(inArray(cases.status, [...OPEN_STATUSES]));
  else if (f.status !== 'all') c.push(eq(cases.status, f.status));
  if (f.scheme) {
    c.push(
      or(
        sql`${consents.schemeIds} @> ${JSON.stringify([f.scheme])}::jsonb`,
        sql`(${consents.schemeIds} = '[]'::jsonb and ${consents.result} -> 'schemes' @> ${JSON.stringify([{ id: f.scheme }])}::jsonb)`,
      )!,
    );
  }
  if (f.language) c.push(eq(consents.language, f.language));
  if (f.source) c.push(eq(consents.source, f.source));
  if (f.organisation) c.push(eq(consents.organisation, f.organisation));
  if (f.assigned === 'me') c.push(eq(cases.assignedTo, user.id));
  else if (f.assigned === 'none') c.push(isNull(cases.assignedTo));
  else if (isUuid(f.assigned)) c.push(eq(cases.assignedTo, f.assigned));
  if (f.from) c.push(gte(consents.confirmedAt, amsterdamTime(f.from)));
  if (f.to) c.push(lt(consents.confirmedAt, amsterdamTime(nextDay(f.to))));
  return c;
}

/** Total estimated support per year (euros) in a result snapshot, for the schemes the case is about. */
export function estimatedYearly(consent: Pick<ConsentRow, 'schemeIds' | 'result'>): number {
  const ids = new Set(caseSchemes(consent));
  return (consent.result?.schemes ?? [])
    .filter((x) => ids.has(x.id) && x.status !== 'already-receiving')
    .reduce((sum, x) => sum + x.yearly, 0);
}

/** One page of the worklist; the view (which cases were shown, with the filters) is logged with it. */
export async function listCases(
  s: Services,
  user: ConsoleUser,
  f: WorklistFilters,
  page: { offset: number; limit: number },
): Promise<{ rows: WorklistRow[]; total: number }> {
  return inTransaction(s, async (tx) => {
    const list = await readCases(tx.database.db, user, f, page);
    await audit(tx.database.db, {
      municipality: user.municipality,
      staffId: user.id,
      action: 'worklist.view',
      subjectType: 'worklist',
      details: { shown: list.rows.map((r) => r.consentId), total: list.total, filters: Object.fromEntries(filtersToQuery(f)) },
    });
    return list;
  });
}

async function readCases(
  db: Db,
  user: ConsoleUser,
  f: WorklistFilters,
  page: { offset: number; limit: number },
): Promise<{ rows: WorklistRow[]; total: number }> {
  const where = and(...filterConditions(user, f));
  const [total] = await db.select({ n: count() }).from(cases).innerJoin(consents, eq(consents.id, cases.consentId)).where(where);
  // A request to be called has no confirmation yet: it takes its place by the moment it was made.
  const asked = sql`coalesce(${consents.confirmedAt}, ${consents.createdAt})`;
  const order = f.sort === 'newest' ? desc(asked) : asc(asked);
  const rows = await db
    .select({ kase: cases, consent: consents, assignee: staff.name })
    .from(cases)
    .innerJoin(consents, eq(consents.id, cases.consentId))
    .leftJoin(staff, eq(staff.id, cases.assignedTo))
    .where(where)
    .orderBy(order, asc(cases.consentId))
    .offset(page.offset)
    .limit(page.limit);
  return {
    total: Number(total?.n ?? 0),
    rows: rows.map(({ kase, consent, assignee }) => ({
      consentId: kase.consentId,
      status: kase.status,
      awaitingCall: consent.status === 'pending',
      confirmedAt: consent.confirmedAt ?? consent.createdAt,
      schemeIds: caseSchemes(consent),
      language: consent.language,
      source: consent.source,
      organisation: consent.organisation,
      yearly: estimatedYearly(consent),
      assignee,
      assignedTo: kase.assignedTo,
      updatedAt: kase.updatedAt,
    })),
  };
}

/** Counts per status of the municipality's cases, for the overview and the filter. */
export async function statusCounts(s: Services, user: ConsoleUser): Promise<Record<CaseStatus, number>> {
  const rows = await s.database.db
    .select({ status: cases.status, n: count() })
    .from(cases)
    .where(eq(cases.municipality, user.municipality))
    .groupBy(cases.status);
  const out = Object.fromEntries(CASE_STATUSES.map((st) => [st, 0])) as Record<CaseStatus, number>;
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/** The volunteer organisations that recorded consents in this municipality, for the filter. */
export async function organisations(s: Services, user: ConsoleUser): Promise<string[]> {
  const rows = await s.database.db
    .selectDistinct({ organisation: consents.organisation })
    .from(consents)
    .where(and(eq(consents.municipality, user.municipality), eq(consents.source, 'volunteer')));
  return rows
    .map((r) => r.organisation)
    .filter((o): o is string => Boolean(o))
    .sort((a, b) => a.localeCompare(b, 'nl'));
}

export interface CaseEvent {
  id: string;
  at: Date;
  staffName: string | null;
  type: string;
  data: Record<string, unknown>;
}

export interface CaseDetail {
  kase: typeof cases.$inferSelect;
  consent: ConsentRow;
  /** Every purpose the resident gave in the same request (contact, and maybe rule changes). */
  purposes: string[];
  assignee: string | null;
  events: CaseEvent[];
  mails: { kind: string; status: string; createdAt: Date; sentAt: Date | null; campaign: string | null; lastError: string | null }[];
  schemes: string[];
}

/** One case with everything staff need, or undefined when it does not exist in the person's municipality. */
/** One case with everything the case page shows; the view is logged with it. */
export async function getCase(s: Services, user: ConsoleUser, consentId: string): Promise<CaseDetail | undefined> {
  if (!isUuid(consentId)) return undefined;
  return inTransaction(s, async (tx) => {
    const detail = await readCase(tx.database.db, user, consentId);
    if (detail)
      await audit(tx.database.db, {
        municipality: user.municipality,
        staffId: user.id,
        action: 'case.view',
        subjectType: 'consent',
        subjectId: consentId,
      });
    return detail;
  });
}

/** What a case is requested for (its purposes), without its personal data: for the deletion page. */
export async function casePurposes(s: Services, user: ConsoleUser, consentId: string): Promise<string[] | undefined> {
  if (!isUuid(consentId)) return undefined;
  const [row] = await s.database.db
    .select({ requestId: consents.requestId })
    .from(cases)
    .innerJoin(consents, eq(consents.id, cases.consentId))
    .where(and(eq(cases.consentId, consentId), eq(cases.municipality, user.municipality)));
  if (!row) return undefined;
  const purposes = await s.database.db.select({ purpose: consents.purpose }).from(consents).where(eq(consents.requestId, row.requestId));
  return purposes.map((p) => p.purpose);
}

async function readCase(db: Db, user: ConsoleUser, consentId: string): Promise<CaseDetail | undefined> {
  const [row] = await db
    .select({ kase: cases, consent: consents, assignee: staff.name })
    .from(cases)
    .innerJoin(consents, eq(consents.id, cases.consentId))
    .leftJoin(staff, eq(staff.id, cases.assignedTo))
    .where(and(eq(cases.consentId, consentId), eq(cases.municipality, user.municipality)));
  if (!row) return undefined;
  const purposes = await db.select({ purpose: consents.purpose }).from(consents).where(eq(consents.requestId, row.consent.requestId));
  const events = await db
    .select({ id: caseEvents.id, at: caseEvents.at, staffName: staff.name, type: caseEvents.type, data: caseEvents.data })
    .from(caseEvents)
    .leftJoin(staff, eq(staff.id, caseEvents.staffId))
    .where(eq(caseEvents.consentId, consentId))
    .orderBy(desc(caseEvents.at));
  const requestConsents = await db.select({ id: consents.id }).from(consents).where(eq(consents.requestId, row.consent.requestId));
  const mails = await db
    .select({
      kind: messages.kind,
      status: messages.status,
      createdAt: messages.createdAt,
      sentAt: messages.sentAt,
      campaign: campaigns.name,
      lastError: messages.lastError,
    })
    .from(messages)
    .leftJoin(campaigns, eq(campaigns.id, messages.campaignId))
    .where(
      inArray(
        messages.consentId,
        requestConsents.map((c) => c.id),
      ),
    )
    .orderBy(desc(messages.createdAt));
  return {
    kase: row.kase,
    consent: row.consent,
    purposes: purposes.map((p) => p.purpose),
    assignee: row.assignee,
    events,
    mails,
    schemes: caseSchemes(row.consent),
  };
}

/** The stages a status means for the counts per resident (`*`) and per scheme. */
function stagesFor(status: CaseStatus): { resident: TakeUpStage[]; perScheme: TakeUpStage[] } {
  switch (status) {
    case 'contacted':
      return { resident: ['contacted'], perScheme: ['contacted'] };
    case 'appointment':
      return { resident: ['contacted', 'appointment'], perScheme: ['contacted', 'appointment'] };
    case 'applied':
      return { resident: ['contacted', 'applied'], perScheme: ['contacted'] };
    case 'granted':
      return { resident: ['contacted', 'applied', 'granted'], perScheme: ['contacted'] };
    case 'rejected':
      return { resident: ['contacted', 'applied', 'rejected'], perScheme: ['contacted'] };
    default:
      return { resident: [], perScheme: [] };
  }
}

/** Counts the stages a case reached that it has not counted before; returns the new `counted`. */
async function countStages(
  db: Db,
  consent: ConsentRow,
  kase: typeof cases.$inferSelect,
  stages: { resident: TakeUpStage[]; perScheme: TakeUpStage[] },
  now: Date,
): Promise<string[]> {
  const counted = new Set(kase.counted);
  const origin = originOf(consent, kase.campaignId);
  for (const stage of new Set([...stages.resident, ...stages.perScheme])) {
    if (counted.has(stage)) continue;
    const ids = [...(stages.resident.includes(stage) ? [ALL] : []), ...(stages.perScheme.includes(stage) ? caseSchemes(consent) : [])];
    await recordStage(db, origin, stage, ids, now);
    counted.add(stage);
  }
  return [...counted];
}

/** `unconfirmed`: a request to be called whose call has not confirmed it yet; its status and outcomes wait. */
export type UpdateOutcome = 'ok' | 'unchanged' | 'not-found' | 'invalid' | 'unconfirmed';

export async function loadForUpdate(db: Db, user: ConsoleUser, consentId: string) {
  if (!isUuid(consentId)) return undefined;
  const [row] = await db
    .select({ kase: cases, consent: consents })
    .from(cases)
    .innerJoin(consents, eq(consents.id, cases.consentId))
    .where(and(eq(cases.consentId, consentId), eq(cases.municipality, user.municipality)))
    .for('update', { of: cases });
  return row;
}

export async function setStatus(s: Services, user: ConsoleUser, consentId: string, status: string): Promise<UpdateOutcome> {
  if (!isCaseStatus(status)) return 'invalid';
  const now = s.now();
  return s.database.db.transaction(async (tx) => {
    const row = await loadForUpdate(tx, user, consentId);
    if (!row) return 'not-found';
    if (row.consent.status !== 'confirmed') return 'unconfirmed';
    if (row.kase.status === status) return 'unchanged';
    const counted = await countStages(tx, row.consent, row.kase, stagesFor(status), now);
    await tx.update(cases).set({ status, counted, updatedAt: now }).where(eq(cases.consentId, consentId));
    await tx
      .insert(caseEvents)
      .values({ consentId, at: now, staffId: user.id, type: 'status', data: { from: row.kase.status, to: status } });
    const closing = FINAL_STATUSES.includes(status);
    const wasClosed = FINAL_STATUSES.includes(row.kase.status);
    if (closing && !wasClosed) await tx.update(consents).set({ closedAt: now }).where(eq(consents.id, consentId));
    if (!closing && wasClosed) await tx.update(consents).set({ closedAt: null }).where(eq(consents.id, consentId));
    return 'ok';
  });
}

/** Assigns the case to a caseworker or admin of the municipality, or to nobody (`null`). */
export async function assignCase(s: Services, user: ConsoleUser, consentId: string, assignee: string | null): Promise<UpdateOutcome> {
  const db = s.database.db;
  const now = s.now();
  if (assignee !== null) {
    if (!isUuid(assignee)) return 'invalid';
    const [member] = await db
      .select({ role: staffMemberships.role, disabledAt: staff.disabledAt })
      .from(staffMemberships)
      .innerJoin(staff, eq(staff.id, staffMemberships.staffId))
      .where(
        and(
          eq(staffMemberships.staffId, assignee),
          eq(staffMemberships.municipality, user.municipality),
          isNotNull(staffMemberships.acceptedAt),
        ),
      );
    if (!member || member.role === 'viewer' || member.disabledAt) return 'invalid';
  }
  return db.transaction(async (tx) => {
    const row = await loadForUpdate(tx, user, consentId);
    if (!row) return 'not-found';
    if (row.kase.assignedTo === assignee) return 'unchanged';
    await tx.update(cases).set({ assignedTo: assignee, updatedAt: now }).where(eq(cases.consentId, consentId));
    await tx
      .insert(caseEvents)
      .values({ consentId, at: now, staffId: user.id, type: 'assigned', data: { from: row.kase.assignedTo, to: assignee } });
    return 'ok';
  });
}

export const MAX_NOTE_LENGTH = 4000;

export async function addNote(s: Services, user: ConsoleUser, consentId: string, text: string): Promise<UpdateOutcome> {
  const note = text.trim();
  if (note.length === 0 || note.length > MAX_NOTE_LENGTH) return 'invalid';
  const now = s.now();
  return s.database.db.transaction(async (tx) => {
    const row = await loadForUpdate(tx, user, consentId);
    if (!row) return 'not-found';
    await tx.insert(caseEvents).values({ consentId, at: now, staffId: user.id, type: 'note', data: { text: note } });
    await tx.update(cases).set({ updatedAt: now }).where(eq(cases.consentId, consentId));
    return 'ok';
  });
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
}

/** The schemes a caseworker can record an outcome for: the municipality's own and the national ones. */
export function knownSchemes(s: Services, municipality: string): string[] {
  const local = s.rulebook.municipalities[municipality]?.schemes.map((x) => x.id) ?? [];
  return [...new Set([...Object.keys(s.rulebook.schemes), ...local])];
}

/**
 * Records per scheme what came of it: applied, granted (with the amount per year, in cents) or
 * rejected, or nothing (`null`). The figures follow, with corrections when an outcome changes.
 */
export async function setOutcomes(
  s: Services,
  user: ConsoleUser,
  consentId: string,
  changes: Record<string, { outcome: Outcome | null; yearly?: number | undefined }>,
): Promise<UpdateOutcome> {
  const known = new Set(knownSchemes(s, user.municipality));
  for (const [id, c] of Object.entries(changes)) {
    if (!known.has(id)) return 'invalid';
    if (c.yearly !== undefined && (!Number.isInteger(c.yearly) || c.yearly < 0 || c.yearly > 10_000_000_00)) return 'invalid';
  }
  const now = s.now();
  return s.database.db.transaction(async (tx) => {
    const row = await loadForUpdate(tx, user, consentId);
    if (!row) return 'not-found';
    if (row.consent.status !== 'confirmed') return 'unconfirmed';
    const origin = originOf(row.consent, row.kase.campaignId);
    let outcomes: CaseOutcomes = { ...row.kase.outcomes };
    let changed = false;
    for (const [schemeId, next] of Object.entries(changes)) {
      const before = outcomes[schemeId];
      const nextYearly = next.outcome === 'granted' ? (next.yearly ?? before?.yearly ?? 0) : undefined;
      if ((before?.outcome ?? null) === next.outcome && (before?.yearly ?? undefined) === nextYearly) continue;
      changed = true;
      // Undo what the old outcome counted, then count the new one.
      if (before) {
        if (before.outcome === 'granted' && next.outcome === 'granted') {
          await recordAmountChange(tx, origin, schemeId, (nextYearly ?? 0) - (before.yearly ?? 0), now);
        } else {
          if (before.outcome !== 'applied') {
            await recordStage(tx, origin, before.outcome, [schemeId], now, { count: -1, amounts: { [schemeId]: -(before.yearly ?? 0) } });
          }
          if (next.outcome === null) await recordStage(tx, origin, 'applied', [schemeId], now, { count: -1 });
        }
      } else if (next.outcome !== null) {
        await recordStage(tx, origin, 'applied', [schemeId], now);
      }
      if (next.outcome && next.outcome !== 'applied' && !(before?.outcome === 'granted' && next.outcome === 'granted')) {
        await recordStage(tx, origin, next.outcome, [schemeId], now, { amounts: { [schemeId]: nextYearly ?? 0 } });
      }
      outcomes = Object.fromEntries(Object.entries(outcomes).filter(([id]) => id !== schemeId));
      if (next.outcome !== null)
        outcomes[schemeId] = next.outcome === 'granted' ? { outcome: 'granted', yearly: nextYearly ?? 0 } : { outcome: next.outcome };
      await tx.insert(caseEvents).values({
        consentId,
        at: now,
        staffId: user.id,
        type: 'outcome',
        data: { scheme: schemeId, from: before?.outcome ?? null, to: next.outcome, yearly: nextYearly ?? null },
      });
    }
    if (!changed) return 'unchanged';
    // A case with any outcome has at least applied; with a grant, the resident got support.
    const residentStages: TakeUpStage[] = [
      'contacted',
      'applied',
      ...(Object.values(outcomes).some((o) => o.outcome === 'granted') ? (['granted'] as const) : []),
    ];
    const counted = await countStages(tx, row.consent, row.kase, { resident: residentStages, perScheme: ['contacted'] }, now);
    await tx.update(cases).set({ outcomes, counted, updatedAt: now }).where(eq(cases.consentId, consentId));
    return 'ok';
  });
}

/**
 * A campaign mail reached a resident whose case was still new: that is the first contact. Called by
 * the send job in the transaction that marks the mail sent (src/server/messages/send.ts), so a crash
 * cannot leave a sent mail without its contact, or the other way round.
 */
export async function markContactedByCampaign(tx: Db, consentId: string, campaignId: string, now: Date): Promise<void> {
  const [row] = await tx
    .select({ kase: cases, consent: consents })
    .from(cases)
    .innerJoin(consents, eq(consents.id, cases.consentId))
    .where(eq(cases.consentId, consentId))
    .for('update', { of: cases });
  if (!row || row.kase.status !== 'new') return;
  const kase = { ...row.kase, campaignId };
  const counted = await countStages(tx, row.consent, kase, stagesFor('contacted'), now);
  await tx.update(cases).set({ status: 'contacted', campaignId, counted, updatedAt: now }).where(eq(cases.consentId, consentId));
  await tx
    .insert(caseEvents)
    .values({ consentId, at: now, staffId: null, type: 'campaign', data: { campaign: campaignId, from: 'new', to: 'contacted' } });
}

/** A scheme's name for the console (Dutch or English), the municipality's own name first. */
export function schemeLabel(s: Services, municipality: string, id: string, language: Language): string {
  return schemeNames(s, municipality, [id], language)[0]!;
}
