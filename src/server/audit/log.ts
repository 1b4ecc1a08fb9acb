/**
 * The audit log: who saw or changed what, and when. Every page or download that shows personal data
 * writes its entry before the data is shown, so a view that could not be logged is not shown.
 * Entries name records by id and never hold addresses, names or notes.
 */
import { and, count, desc, eq, gte, inArray, isNotNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog, staff, staffMemberships } from '../db/schema.ts';

export const AUDIT_ACTIONS = [
  'login',
  'login-failed',
  'login-locked',
  'login-rate-limited',
  'logout',
  'password-changed',
  'second-factor-on',
  'second-factor-off',
  'sessions-ended',
  'municipality-switched',
  'sso-settings-changed',
  'sso-linked',
  'sso-login-failed',
  'worklist.view',
  'worklist.export',
  'case.view',
  'case.status',
  'case.assign',
  'case.note',
  'case.outcome',
  'case.export',
  'case.delete',
  'case.call-confirmed',
  'case.call-refused',
  'avg.search',
  'campaign.create',
  'campaign.update',
  'campaign.delete',
  'campaign.preview',
  'campaign.test-send',
  'campaign.schedule',
  'campaign.start',
  'campaign.pause',
  'campaign.resume',
  'campaign.cancel',
  'screening.upload',
  'screening.view',
  'screening.download',
  'screening.letters',
  'screening.delete',
  'dashboard.export',
  'staff.create',
  'staff.role',
  'staff.unlock',
  'staff.reset',
  'staff.remove',
  'staff.joined',
  'desk-code.create',
  'desk-code.revoke',
  'desk-code.used',
  'audit.view',
  'access-denied',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The catalogue key of an action's name (i18next reads dots as nesting, so they become dashes). */
export function auditActionKey(action: string): string {
  return `auditActions.${action.replace(/\./g, '-')}`;
}

export interface AuditEntry {
  municipality: string;
  staffId: string | null;
  action: AuditAction;
  subjectType?: 'consent' | 'campaign' | 'import' | 'staff' | 'worklist' | 'desk-code' | 'path' | undefined;
  subjectId?: string | undefined;
  details?: Record<string, unknown> | undefined;
  client?: string | undefined;
  at?: Date | undefined;
}

/**
 * A refused attempt: a request for a record of another municipality, a role that does not allow
 * it, a form without its token, or a change to an account this admin does not fully manage. It is
 * written to the actor's municipality and to every other municipality `concerned` (the owner of the
 * record), so both see who tried what, and when.
 */
export async function auditDenied(
  db: Db,
  e: Omit<AuditEntry, 'action'> & { attempt: string; status: number; concerned?: readonly string[] | undefined },
): Promise<void> {
  const municipalities = new Set([e.municipality, ...(e.concerned ?? [])]);
  for (const municipality of municipalities) {
    await audit(db, {
      municipality,
      staffId: e.staffId,
      action: 'access-denied',
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      details: { attempt: e.attempt, status: e.status, from: e.municipality, ...e.details },
      client: e.client,
      at: e.at,
    });
  }
}

export async function audit(db: Db, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    municipality: e.municipality,
    staffId: e.staffId,
    action: e.action,
    subjectType: e.subjectType ?? null,
    subjectId: e.subjectId ?? null,
    details: e.details ?? null,
    client: e.client ?? null,
    ...(e.at ? { at: e.at } : {}),
  });
}

export interface AuditFilters {
  staffId?: string | undefined;
  action?: string | undefined;
  subjectId?: string | undefined;
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
}

export interface AuditRow {
  id: string;
  at: Date;
  staffId: string | null;
  staffName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown> | null;
}

/**
 * The log of one municipality, newest first: its own entries, and the login events (which belong to
 * no municipality) of its staff.
 */
/**
 * The audit log as staff see it: who looked is itself logged (`audit.view`, with the filters asked
 * for), in the same transaction as the read.
 */
export async function viewAudit(
  db: Db,
  viewer: { municipality: string; id: string },
  filters: AuditFilters,
  page: { offset: number; limit: number },
  asked: Record<string, string>,
): Promise<{ rows: AuditRow[]; total: number }> {
  return db.transaction(async (tx) => {
    const found = await queryAudit(tx, viewer.municipality, filters, page);
    await audit(tx, { municipality: viewer.municipality, staffId: viewer.id, action: 'audit.view', details: { filters: asked } });
    return found;
  });
}

export async function queryAudit(
  db: Db,
  municipality: string,
  filters: AuditFilters,
  page: { offset: number; limit: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  // Staff who took up their membership; an open invitation shows nothing of the person.
  const ownStaff = db
    .select({ id: staffMemberships.staffId })
    .from(staffMemberships)
    .where(and(eq(staffMemberships.municipality, municipality), isNotNull(staffMemberships.acceptedAt)));
  const conditions: SQL[] = [
    or(eq(auditLog.municipality, municipality), and(eq(auditLog.municipality, ''), inArray(auditLog.staffId, ownStaff)))!,
  ];
  if (filters.staffId) conditions.push(eq(auditLog.staffId, filters.staffId));
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  // A whole id, or the first characters of one (a case number).
  if (filters.subjectId) {
    conditions.push(
      filters.subjectId.length === 36
        ? eq(auditLog.subjectId, filters.subjectId)
        : like(auditLog.subjectId, `${filters.subjectId.replace(/[^0-9a-f-]/g, '')}%`),
    );
  }
  if (filters.from) conditions.push(gte(auditLog.at, filters.from));
  if (filters.to) conditions.push(lt(auditLog.at, filters.to));
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      staffId: auditLog.staffId,
      staffName: staff.name,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(staff, eq(staff.id, auditLog.staffId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(sql`${auditLog.id}`))
    .offset(page.offset)
    .limit(page.limit);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Entries about one record (a case), oldest first: who looked at it and who changed it. */
export async function auditTrail(db: Db, municipality: string, subjectId: string): Promise<AuditRow[]> {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      staffId: auditLog.staffId,
      staffName: staff.name,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(staff, eq(staff.id, auditLog.staffId))
    .where(and(eq(auditLog.municipality, municipality), eq(auditLog.subjectId, subjectId)))
    .orderBy(auditLog.at);
}

/** Deletes entries older than the retention period; returns how many. */
export async function purgeAudit(db: Db, before: Date): Promise<number> {
  const deleted = await db.delete(auditLog).where(lt(auditLog.at, before)).returning({ id: auditLog.id });
  return deleted.length;
}
