/**
 * Staff accounts and their roles per municipality. An admin manages the staff of their own
 * municipality only: they invite people (with a one-time code shown once), change roles, and remove
 * people from the municipality. The first admin comes from the command line (`cli admin create`).
 *
 * An account is one person, and may work for several municipalities (staff of a shared service).
 * So that no municipality can take over another's staff:
 * - what belongs to the account (its password, its lock, whether it is enabled) is changed only by
 *   the person, or by an admin of every municipality the account works for (`managesAccount`);
 * - an invitation gives no access and shows nothing of an existing account: the admin sees the name
 *   they typed and a code, the same answer whether or not the address has an account anywhere. An
 *   address without an active account gets a fresh one whose temporary password is the code (an
 *   account another municipality removed comes back only with new credentials); a person who already
 *   works elsewhere takes the invitation up on their account page, after logging in as themselves.
 */
import { and, asc, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { audit, auditDenied } from '../audit/log.ts';
import type { Db } from '../db/client.ts';
import { rateLimits, staff, staffMemberships, staffSessions, staffSsoLinks, STAFF_ROLES, type StaffRole } from '../db/schema.ts';
import { keyedHash } from '../security/secrets.ts';
import type { Services } from '../services.ts';
import { hashPassword, temporaryPassword } from './passwords.ts';

export const emailSchema = z.email().max(254);
export const nameSchema = z.string().trim().min(2).max(100);

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Who asks for a change: a signed-in admin in the municipality of their session, or the command line (`id: null`). */
export interface Actor {
  id: string | null;
  municipality: string;
}

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** `invited` until the person takes the membership up; nothing of the account is shown until then. */
  state: 'invited' | 'member';
  lockedUntil: Date | null;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  mustChangePassword: boolean;
  failedLogins: number;
}

const memberColumns = {
  id: staff.id,
  email: staff.email,
  name: staff.name,
  role: staffMemberships.role,
  acceptedAt: staffMemberships.acceptedAt,
  invitedName: staffMemberships.invitedName,
  lockedUntil: staff.lockedUntil,
  disabledAt: staff.disabledAt,
  lastLoginAt: staff.lastLoginAt,
  mustChangePassword: staff.mustChangePassword,
  failedLogins: staff.failedLogins,
};

function toMember(r: {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  acceptedAt: Date | null;
  invitedName: string | null;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  mustChangePassword: boolean;
  failedLogins: number;
}): StaffMember {
  if (r.acceptedAt === null) {
    return {
      id: r.id,
      email: r.email,
      name: r.invitedName ?? r.email,
      role: r.role,
      state: 'invited',
      lockedUntil: null,
      disabledAt: null,
      lastLoginAt: null,
      mustChangePassword: false,
      failedLogins: 0,
    };
  }
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    state: 'member',
    lockedUntil: r.lockedUntil,
    disabledAt: r.disabledAt,
    lastLoginAt: r.lastLoginAt,
    mustChangePassword: r.mustChangePassword,
    failedLogins: r.failedLogins,
  };
}

/** The staff of one municipality, by name, invitations included. */
export async function listStaff(db: Db, municipality: string): Promise<StaffMember[]> {
  const rows = await db
    .select(memberColumns)
    .from(staffMemberships)
    .innerJoin(staff, eq(staff.id, staffMemberships.staffId))
    .where(eq(staffMemberships.municipality, municipality));
  return rows.map(toMember).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** One member of staff (or invitation), only if they are in `municipality`. */
export async function findStaff(db: Db, municipality: string, staffId: string): Promise<StaffMember | undefined> {
  if (!isUuid(staffId)) return undefined;
  const [row] = await db
    .select(memberColumns)
    .from(staffMemberships)
    .innerJoin(staff, eq(staff.id, staffMemberships.staffId))
    .where(and(eq(staffMemberships.municipality, municipality), eq(staff.id, staffId)));
  return row ? toMember(row) : undefined;
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** The municipalities an account works for (memberships taken up), in code order. */
export async function accountMunicipalities(db: Db, staffId: string): Promise<{ municipality: string; role: StaffRole }[]> {
  return db
    .select({ municipality: staffMemberships.municipality, role: staffMemberships.role })
    .from(staffMemberships)
    .where(and(eq(staffMemberships.staffId, staffId), isNotNull(staffMemberships.acceptedAt)))
    .orderBy(asc(staffMemberships.municipality));
}

/**
 * Whether `actor` may change what belongs to the account itself (password, lock, enabled): the
 * command line may; a person may for their own account; an admin only when they are admin in every
 * municipality the account works for.
 */
export async function managesAccount(db: Db, actor: Actor, staffId: string): Promise<boolean> {
  if (actor.id === null || actor.id === staffId) return true;
  const theirs = await accountMunicipalities(db, staffId);
  const mine = new Set((await accountMunicipalities(db, actor.id)).filter((m) => m.role === 'admin').map((m) => m.municipality));
  return mine.has(actor.municipality) && theirs.every((m) => mine.has(m.municipality));
}

const inviteHash = (s: Services, code: string): string => keyedHash(s.secret, `staff-invite:${code.trim().toLowerCase()}`);

export type InviteOutcome =
  | { ok: true; staffId: string; code: string }
  | { ok: false; reason: 'invalid'; fields: string[] }
  | { ok: false; reason: 'already-member' };

function validate(input: {
  email: string;
  name: string;
  role: string;
}): { ok: true; email: string; name: string; role: StaffRole } | { ok: false; reason: 'invalid'; fields: string[] } {
  const fields: string[] = [];
  const email = emailSchema.safeParse(normaliseEmail(input.email));
  const name = nameSchema.safeParse(input.name);
  if (!email.success) fields.push('email');
  if (!name.success) fields.push('name');
  if (!(STAFF_ROLES as readonly string[]).includes(input.role)) fields.push('role');
  if (!email.success || !name.success || fields.length > 0) return { ok: false, reason: 'invalid', fields };
  return { ok: true, email: email.data, name: name.data, role: input.role as StaffRole };
}

/**
 * Invites a person to the actor's municipality, with a one-time code (shown once, to pass on in
 * person or by phone). The answer and the work are the same whether the address has an account
 * anywhere or not (see the module comment); the invitation is logged in the actor's municipality.
 */
export async function inviteStaff(
  s: Services,
  actor: { id: string; municipality: string },
  input: { email: string; name: string; role: string },
): Promise<InviteOutcome> {
  const valid = validate(input);
  if (!valid.ok) return valid;
  const db = s.database.db;
  const now = s.now();
  const code = temporaryPassword();
  // Hashed in every case, so an existing account answers as slowly as a new one.
  const passwordHash = await hashPassword(code);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(staff).where(eq(staff.email, valid.email));
    let staffId: string;
    if (!existing) {
      const [row] = await tx
        .insert(staff)
        .values({ email: valid.email, name: valid.name, passwordHash, mustChangePassword: true, createdAt: now })
        .returning({ id: staff.id });
      staffId = row!.id;
    } else {
      staffId = existing.id;
      const [member] = await tx
        .select({ m: staffMemberships.municipality })
        .from(staffMemberships)
        .where(and(eq(staffMemberships.staffId, staffId), eq(staffMemberships.municipality, actor.municipality)));
      if (member) return { ok: false as const, reason: 'already-member' as const };
      if ((await accountMunicipalities(tx, staffId)).length === 0) {
        // No municipality uses this account (removed everywhere, or never taken up): it starts over
        // with the code as its temporary password; the old password and sessions are gone.
        await freshCredentials(tx, staffId, passwordHash, now);
        const open = await tx.select().from(staffMemberships).where(eq(staffMemberships.staffId, staffId));
        if (open.length === 0) await tx.update(staff).set({ name: valid.name }).where(eq(staff.id, staffId));
      }
    }
    await tx.insert(staffMemberships).values({
      staffId,
      municipality: actor.municipality,
      role: valid.role,
      createdAt: now,
      acceptedAt: null,
      inviteCodeHash: inviteHash(s, code),
      invitedName: valid.name,
      invitedBy: actor.id,
    });
    await audit(tx, {
      municipality: actor.municipality,
      staffId: actor.id,
      action: 'staff.create',
      subjectType: 'staff',
      subjectId: staffId,
      details: { role: valid.role },
      at: now,
    });
    return { ok: true as const, staffId, code };
  });
}

async function freshCredentials(tx: Db, staffId: string, passwordHash: string, now: Date): Promise<void> {
  await tx
    .update(staff)
    .set({
      passwordHash,
      mustChangePassword: true,
      lockedUntil: null,
      failedLogins: 0,
      disabledAt: null,
      passwordChangedAt: now,
      // A new password is a new start: the person sets up their second factor again.
      totpSecret: null,
      totpPending: null,
      totpLastStep: null,
      totpEnabledAt: null,
    })
    .where(eq(staff.id, staffId));
  await tx.delete(staffSessions).where(eq(staffSessions.staffId, staffId));
}

/**
 * Takes up the open invitations of `staffId` whose code is `code`: at login with the code as the
 * temporary password, or on the account page. Returns the municipalities joined.
 */
export async function acceptInvitations(s: Services, staffId: string, code: string): Promise<string[]> {
  const db = s.database.db;
  const now = s.now();
  const joined = await db
    .update(staffMemberships)
    .set({ acceptedAt: now, inviteCodeHash: null })
    .where(
      and(
        eq(staffMemberships.staffId, staffId),
        isNull(staffMemberships.acceptedAt),
        eq(staffMemberships.inviteCodeHash, inviteHash(s, code.slice(0, 100))),
      ),
    )
    .returning({ municipality: staffMemberships.municipality, name: staffMemberships.invitedName });
  for (const j of joined) {
    await audit(db, { municipality: j.municipality, staffId, action: 'staff.joined', subjectType: 'staff', subjectId: staffId, at: now });
  }
  return joined.map((j) => j.municipality);
}

/** The open invitations of a person (municipality codes), for their account page. */
export async function openInvitations(db: Db, staffId: string): Promise<string[]> {
  const rows = await db
    .select({ municipality: staffMemberships.municipality })
    .from(staffMemberships)
    .where(and(eq(staffMemberships.staffId, staffId), isNull(staffMemberships.acceptedAt)))
    .orderBy(asc(staffMemberships.municipality));
  return rows.map((r) => r.municipality);
}

export type AddStaffOutcome =
  | { ok: true; staffId: string; temporaryPassword: string | undefined; existing: boolean }
  | { ok: false; reason: 'invalid'; fields: string[] }
  | { ok: false; reason: 'already-member' };

/**
 * Adds a person to a municipality from the command line (the operator; the first admin), taken up
 * at once. A new account, or one no municipality uses any more, gets the given password or a
 * temporary one (returned once) that must be changed at the first login; an account that works
 * elsewhere keeps its password and gets the new role.
 */
export async function addStaff(
  s: Services,
  municipality: string,
  input: { email: string; name: string; role: string; password?: string | undefined },
): Promise<AddStaffOutcome> {
  const valid = validate(input);
  if (!valid.ok) return valid;
  const db = s.database.db;
  const now = s.now();
  const password = input.password ?? temporaryPassword();
  const [existing] = await db.select().from(staff).where(eq(staff.email, valid.email));
  if (existing && (await accountMunicipalities(db, existing.id)).length > 0) {
    const inserted = await db
      .insert(staffMemberships)
      .values({ staffId: existing.id, municipality, role: valid.role, createdAt: now, acceptedAt: now })
      .onConflictDoNothing()
      .returning({ staffId: staffMemberships.staffId });
    if (inserted.length === 0) return { ok: false, reason: 'already-member' };
    return { ok: true, staffId: existing.id, temporaryPassword: undefined, existing: true };
  }
  const passwordHash = await hashPassword(password);
  const staffId = await db.transaction(async (tx) => {
    let id: string;
    if (existing) {
      id = existing.id;
      await freshCredentials(tx, id, passwordHash, now);
      await tx
        .update(staff)
        .set({ name: valid.name, mustChangePassword: input.password === undefined })
        .where(eq(staff.id, id));
      await tx.delete(staffMemberships).where(and(eq(staffMemberships.staffId, id), eq(staffMemberships.municipality, municipality)));
    } else {
      const [row] = await tx
        .insert(staff)
        .values({ email: valid.email, name: valid.name, passwordHash, mustChangePassword: input.password === undefined, createdAt: now })
        .returning({ id: staff.id });
      id = row!.id;
    }
    await tx.insert(staffMemberships).values({ staffId: id, municipality, role: valid.role, createdAt: now, acceptedAt: now });
    return id;
  });
  return { ok: true, staffId, temporaryPassword: input.password === undefined ? password : undefined, existing: Boolean(existing) };
}

/** Admins of a municipality (who took the role up), to keep at least one. */
async function adminCount(db: Db, municipality: string, except?: string): Promise<number> {
  const rows = await db
    .select({ id: staffMemberships.staffId })
    .from(staffMemberships)
    .innerJoin(staff, eq(staff.id, staffMemberships.staffId))
    .where(
      and(
        eq(staffMemberships.municipality, municipality),
        eq(staffMemberships.role, 'admin'),
        isNotNull(staffMemberships.acceptedAt),
        ...(except ? [ne(staffMemberships.staffId, except)] : []),
      ),
    );
  return rows.length;
}

export type ChangeOutcome = 'ok' | 'not-found' | 'last-admin' | 'invalid' | 'not-allowed';

/** The role in this municipality: the municipality's own decision, it gives no rights elsewhere. */
export async function setRole(db: Db, municipality: string, staffId: string, role: string): Promise<ChangeOutcome> {
  if (!(STAFF_ROLES as readonly string[]).includes(role)) return 'invalid';
  const member = await findStaff(db, municipality, staffId);
  if (!member) return 'not-found';
  if (member.state === 'member' && member.role === 'admin' && role !== 'admin' && (await adminCount(db, municipality, staffId)) === 0)
    return 'last-admin';
  await db
    .update(staffMemberships)
    .set({ role: role as StaffRole })
    .where(and(eq(staffMemberships.municipality, municipality), eq(staffMemberships.staffId, staffId)));
  return 'ok';
}

/**
 * Removes a person (or withdraws an invitation) from the municipality. An account that then works
 * for no municipality is disabled and signed out; only new credentials bring it back (inviteStaff).
 */
export async function removeStaff(db: Db, municipality: string, staffId: string): Promise<ChangeOutcome> {
  const member = await findStaff(db, municipality, staffId);
  if (!member) return 'not-found';
  if (member.state === 'member' && member.role === 'admin' && (await adminCount(db, municipality, staffId)) === 0) return 'last-admin';
  await db.transaction(async (tx) => {
    await tx.delete(staffMemberships).where(and(eq(staffMemberships.municipality, municipality), eq(staffMemberships.staffId, staffId)));
    await tx.delete(staffSessions).where(and(eq(staffSessions.staffId, staffId), eq(staffSessions.municipality, municipality)));
    // Coming back later takes a new link, made again by the provider's verified address (sso.ts).
    await tx.delete(staffSsoLinks).where(and(eq(staffSsoLinks.staffId, staffId), eq(staffSsoLinks.municipality, municipality)));
    if ((await accountMunicipalities(tx, staffId)).length === 0) {
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

/**
 * Checks that `actor` may change the account of a member of their municipality. A refusal is
 * logged in the actor's municipality and in every other municipality the account works for.
 */
async function accountChange(
  s: Services,
  actor: Actor,
  staffId: string,
  attempt: 'staff.reset' | 'staff.unlock',
): Promise<{ outcome: 'ok'; member: StaffMember; municipalities: string[] } | { outcome: 'not-found' | 'not-allowed' | 'invalid' }> {
  const db = s.database.db;
  const member = await findStaff(db, actor.municipality, staffId);
  if (!member) return { outcome: 'not-found' };
  const municipalities = (await accountMunicipalities(db, staffId)).map((m) => m.municipality);
  if (member.state === 'invited') return attempt === 'staff.reset' ? { outcome: 'ok', member, municipalities } : { outcome: 'invalid' };
  if (!(await managesAccount(db, actor, staffId))) {
    await auditDenied(db, {
      municipality: actor.municipality,
      staffId: actor.id,
      attempt,
      status: 403,
      subjectType: 'staff',
      subjectId: staffId,
      concerned: municipalities,
      at: s.now(),
    });
    return { outcome: 'not-allowed' };
  }
  return { outcome: 'ok', member, municipalities };
}

export async function unlock(s: Services, actor: Actor, staffId: string): Promise<ChangeOutcome> {
  const check = await accountChange(s, actor, staffId, 'staff.unlock');
  if (check.outcome !== 'ok') return check.outcome;
  await s.database.db.transaction(async (tx) => {
    await tx.update(staff).set({ lockedUntil: null, failedLogins: 0 }).where(eq(staff.id, staffId));
    await tx.delete(rateLimits).where(eq(rateLimits.key, failureKey(s, check.member.email)));
    for (const municipality of check.municipalities)
      await audit(tx, { municipality, staffId: actor.id, action: 'staff.unlock', subjectType: 'staff', subjectId: staffId, at: s.now() });
  });
  return 'ok';
}

/**
 * A new temporary password (shown once), which signs the person out everywhere and unlocks the
 * account; logged in every municipality the account works for. For an open invitation: a new code
 * (the old one stops working), which is also the temporary password of an account nobody uses yet.
 */
export async function resetPassword(s: Services, actor: Actor, staffId: string): Promise<{ outcome: ChangeOutcome; password?: string }> {
  const check = await accountChange(s, actor, staffId, 'staff.reset');
  if (check.outcome !== 'ok') return { outcome: check.outcome };
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const now = s.now();
  await s.database.db.transaction(async (tx) => {
    if (check.member.state === 'invited') {
      await tx
        .update(staffMemberships)
        .set({ inviteCodeHash: inviteHash(s, password) })
        .where(and(eq(staffMemberships.staffId, staffId), eq(staffMemberships.municipality, actor.municipality)));
      if (check.municipalities.length === 0) await freshCredentials(tx, staffId, passwordHash, now);
      await audit(tx, {
        municipality: actor.municipality,
        staffId: actor.id,
        action: 'staff.reset',
        subjectType: 'staff',
        subjectId: staffId,
        details: { invitation: true },
        at: now,
      });
      return;
    }
    await freshCredentials(tx, staffId, passwordHash, now);
    await tx.delete(rateLimits).where(eq(rateLimits.key, failureKey(s, check.member.email)));
    for (const municipality of check.municipalities)
      await audit(tx, {
        municipality,
        staffId: actor.id,
        action: 'staff.reset',
        subjectType: 'staff',
        subjectId: staffId,
        details: actor.id === null ? { by: 'command line' } : undefined,
        at: now,
      });
  });
  return { outcome: 'ok', password };
}

/** Staff who can take cases (caseworkers and admins who took the role up), for assignment. */
export async function assignableStaff(db: Db, municipality: string): Promise<{ id: string; name: string }[]> {
  const all = await listStaff(db, municipality);
  return all.filter((m) => m.state === 'member' && m.role !== 'viewer' && !m.disabledAt).map((m) => ({ id: m.id, name: m.name }));
}
