/**
 * Staff accounts and their roles per municipality. An admin manages the staff of their own
 * municipality only: they add people (with a temporary password shown once), change roles, unlock
 * and reset, and remove people from the municipality. The first admin comes from the command line
 * (`cli admin create`).
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { rateLimits, staff, staffMemberships, staffSessions, STAFF_ROLES, type StaffRole } from '../db/schema.ts';
import { keyedHash } from '../consent/secrets.ts';
import type { Services } from '../services.ts';
import { hashPassword, temporaryPassword } from './passwords.ts';

export const emailSchema = z.email().max(254);
export const nameSchema = z.string().trim().min(2).max(100);

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  mustChangePassword: boolean;
  failedLogins: number;
}

/** The staff of one municipality, by name. */
export async function listStaff(db: Db, municipality: string): Promise<StaffMember[]> {
  return db
    .select({
      id: staff.id,
      email: staff.email,
      name: staff.name,
      role: staffMemberships.role,
      lockedUntil: staff.lockedUntil,
      disabledAt: staff.disabledAt,
      lastLoginAt: staff.lastLoginAt,
      mustChangePassword: staff.mustChangePassword,
      failedLogins: staff.failedLogins,
    })
    .from(staffMemberships)
    .innerJoin(staff, eq(staff.id, staffMemberships.staffId))
    .where(eq(staffMemberships.municipality, municipality))
    .orderBy(asc(staff.name));
}

/** One member of staff, only if they work in `municipality`. */
export async function findStaff(db: Db, municipality: string, staffId: string): Promise<StaffMember | undefined> {
  if (!isUuid(staffId)) return undefined;
  const rows = await listStaffWhere(db, municipality, staffId);
  return rows[0];
}

async function listStaffWhere(db: Db, municipality: string, staffId: string): Promise<StaffMember[]> {
  return db
    .select({
      id: staff.id,
      email: staff.email,
      name: staff.name,
      role: staffMemberships.role,
      lockedUntil: staff.lockedUntil,
      disabledAt: staff.disabledAt,
      lastLoginAt: staff.lastLoginAt,
      mustChangePassword: staff.mustChangePassword,
      failedLogins: staff.failedLogins,
    })
    .from(staffMemberships)
    .innerJoin(staff, eq(staff.id, staffMemberships.staffId))
    .where(and(eq(staffMemberships.municipality, municipality), eq(staff.id, staffId)));
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export type AddStaffOutcome =
  | { ok: true; staffId: string; temporaryPassword: string | undefined; existing: boolean }
  | { ok: false; reason: 'invalid'; fields: string[] }
  | { ok: false; reason: 'already-member' };

/**
 * Adds a person to a municipality. A new account gets a temporary password (returned once, to be
 * passed on in person or by phone) that must be changed at the first login. Someone who already has
 * an account (staff of a shared service) keeps their password and gets the new role.
 */
export async function addStaff(
  s: Services,
  municipality: string,
  input: { email: string; name: string; role: string; password?: string | undefined },
): Promise<AddStaffOutcome> {
  const fields: string[] = [];
  const email = emailSchema.safeParse(normaliseEmail(input.email));
  const name = nameSchema.safeParse(input.name);
  if (!email.success) fields.push('email');
  if (!name.success) fields.push('name');
  if (!(STAFF_ROLES as readonly string[]).includes(input.role)) fields.push('role');
  if (!email.success || !name.success || fields.length > 0) return { ok: false, reason: 'invalid', fields };
  const role = input.role as StaffRole;
  const db = s.database.db;
  const [existing] = await db.select().from(staff).where(eq(staff.email, email.data));
  if (existing) {
    const inserted = await db
      .insert(staffMemberships)
      .values({ staffId: existing.id, municipality, role, createdAt: s.now() })
      .onConflictDoNothing()
      .returning({ staffId: staffMemberships.staffId });
    if (inserted.length === 0) return { ok: false, reason: 'already-member' };
    if (existing.disabledAt) await db.update(staff).set({ disabledAt: null }).where(eq(staff.id, existing.id));
    return { ok: true, staffId: existing.id, temporaryPassword: undefined, existing: true };
  }
  const password = input.password ?? temporaryPassword();
  const passwordHash = await hashPassword(password);
  const staffId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(staff)
      .values({ email: email.data, name: name.data, passwordHash, mustChangePassword: input.password === undefined, createdAt: s.now() })
      .returning({ id: staff.id });
    await tx.insert(staffMemberships).values({ staffId: row!.id, municipality, role, createdAt: s.now() });
    return row!.id;
  });
  return { ok: true, staffId, temporaryPassword: input.password === undefined ? password : undefined, existing: false };
}

/** Admins of a municipality, to keep at least one. */
async function adminCount(db: Db, municipality: string, except?: string): Promise<number> {
  const rows = await db
    .select({ id: staffMemberships.staffId })
    .from(staffMemberships)
    .innerJoin(staff, eq(staff.id, staffMemberships.staffId))
    .where(
      and(
        eq(staffMemberships.municipality, municipality),
        eq(staffMemberships.role, 'admin'),
        ...(except ? [ne(staffMemberships.staffId, except)] : []),
      ),
    );
  return rows.length;
}

export type ChangeOutcome = 'ok' | 'not-found' | 'last-admin' | 'invalid';

export async function setRole(db: Db, municipality: string, staffId: string, role: string): Promise<ChangeOutcome> {
  if (!(STAFF_ROLES as readonly string[]).includes(role)) return 'invalid';
  const member = await findStaff(db, municipality, staffId);
  if (!member) return 'not-found';
  if (member.role === 'admin' && role !== 'admin' && (await adminCount(db, municipality, staffId)) === 0) return 'last-admin';
  await db
    .update(staffMemberships)
    .set({ role: role as StaffRole })
    .where(and(eq(staffMemberships.municipality, municipality), eq(staffMemberships.staffId, staffId)));
  return 'ok';
}

/** Removes a person from the municipality; an account without municipalities left is disabled and signed out. */
export async function removeStaff(db: Db, municipality: string, staffId: string): Promise<ChangeOutcome> {
  const member = await findStaff(db, municipality, staffId);
  if (!member) return 'not-found';
  if (member.role === 'admin' && (await adminCount(db, municipality, staffId)) === 0) return 'last-admin';
  await db.transaction(async (tx) => {
    await tx.delete(staffMemberships).where(and(eq(staffMemberships.municipality, municipality), eq(staffMemberships.staffId, staffId)));
    await tx.delete(staffSessions).where(and(eq(staffSessions.staffId, staffId), eq(staffSessions.municipality, municipality)));
    const left = await tx.select().from(staffMemberships).where(eq(staffMemberships.staffId, staffId));
    if (left.length === 0) {
      await tx.update(staff).set({ disabledAt: new Date() }).where(eq(staff.id, staffId));
      await tx.delete(staffSessions).where(eq(staffSessions.staffId, staffId));
    }
  });
  return 'ok';
}

/** The key under which failed logins for a login name are counted (see auth.ts). */
export function failureKey(s: Services, email: string): string {
  return `login-fail:${keyedHash(s.secret, normaliseEmail(email))}`;
}

export async function unlock(s: Services, municipality: string, staffId: string): Promise<ChangeOutcome> {
  const member = await findStaff(s.database.db, municipality, staffId);
  if (!member) return 'not-found';
  await s.database.db.update(staff).set({ lockedUntil: null, failedLogins: 0 }).where(eq(staff.id, staffId));
  await s.database.db.delete(rateLimits).where(eq(rateLimits.key, failureKey(s, member.email)));
  return 'ok';
}

/** A new temporary password (shown once), which signs the person out everywhere and unlocks the account. */
export async function resetPassword(
  s: Services,
  municipality: string,
  staffId: string,
): Promise<{ outcome: ChangeOutcome; password?: string }> {
  const member = await findStaff(s.database.db, municipality, staffId);
  if (!member) return { outcome: 'not-found' };
  const password = temporaryPassword();
  await s.database.db
    .update(staff)
    .set({
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      lockedUntil: null,
      failedLogins: 0,
      passwordChangedAt: s.now(),
    })
    .where(eq(staff.id, staffId));
  await s.database.db.delete(staffSessions).where(eq(staffSessions.staffId, staffId));
  await s.database.db.delete(rateLimits).where(eq(rateLimits.key, failureKey(s, member.email)));
  return { outcome: 'ok', password };
}

/** Staff who can take cases (caseworkers and admins), for assignment. */
export async function assignableStaff(db: Db, municipality: string): Promise<{ id: string; name: string }[]> {
  const all = await listStaff(db, municipality);
  return all.filter((m) => m.role !== 'viewer' && !m.disabledAt).map((m) => ({ id: m.id, name: m.name }));
}
