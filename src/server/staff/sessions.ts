/**
 * Staff sessions in the database, so that any instance can serve any request and nothing is kept on
 * local disk (docs/decisions/0003-staff-console.md). The cookie holds 32 random bytes; the table holds
 * their SHA-256, so a copy of the database does not give working sessions. A session ends after an
 * idle period, at the latest some hours after login, at logout, and when the password changes.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNotNull, lt, ne } from 'drizzle-orm';
import { staff, staffMemberships, staffSessions, type StaffRole } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { consoleSettings } from './settings.ts';
import { passwordLoginOff } from './sso-policy.ts';

/** The `__Host-` prefix makes the browser refuse the cookie unless it is Secure, host-only and for path /. */
export function cookieName(secure: boolean): string {
  return secure ? '__Host-rondkomen-beheer' : 'rondkomen-beheer';
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${cookieName(secure)}=${token}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedCookie(secure: boolean): string {
  return `${cookieName(secure)}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The session token from a Cookie header, if it has the right form. */
export function tokenFromCookies(header: string | null, secure: boolean): string | undefined {
  const name = cookieName(secure);
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      const value = v.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

const sessionId = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface ConsoleUser {
  id: string;
  email: string;
  name: string;
  language: 'nl' | 'en';
  municipality: string;
  role: StaffRole;
  memberships: { municipality: string; role: StaffRole }[];
  mustChangePassword: boolean;
  /** Whether the person set up a second factor (TOTP), or the identity provider of this session vouched for one. */
  secondFactor: boolean;
  /** The municipality whose identity provider signed this session in (single sign-on, sso.ts). */
  ssoMunicipality: string | null;
  sessionId: string;
  /** Goes into every console form; see csrf.ts. */
  csrf: string;
}

/**
 * A new session. A person has at most CONSOLE_MAX_SESSIONS at once: the oldest beyond that end
 * (`ended` says how many), so a forgotten browser does not stay signed in next to new ones.
 */
export async function createSession(
  s: Services,
  staffId: string,
  municipality: string,
  sso?: { secondFactor: boolean },
): Promise<{ token: string; id: string; ended: number }> {
  const token = randomBytes(32).toString('base64url');
  const id = sessionId(token);
  const now = s.now();
  const settings = consoleSettings();
  const db = s.database.db;
  await db.insert(staffSessions).values({
    id,
    staffId,
    municipality,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + settings.sessionMaxHours * 3_600_000),
    ...(sso ? { ssoMunicipality: municipality, ssoSecondFactor: sso.secondFactor } : {}),
  });
  const older = await db
    .select({ id: staffSessions.id })
    .from(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), ne(staffSessions.id, id)))
    .orderBy(desc(staffSessions.lastSeenAt), desc(staffSessions.createdAt))
    .offset(settings.maxSessions - 1);
  if (older.length > 0)
    await db.delete(staffSessions).where(
      inArray(
        staffSessions.id,
        older.map((o) => o.id),
      ),
    );
  return { token, id, ended: older.length };
}

/** The sessions of a member of staff in one municipality, for its admins: when, not where. */
export async function sessionsIn(s: Services, staffId: string, municipality: string): Promise<{ createdAt: Date; lastSeenAt: Date }[]> {
  return s.database.db
    .select({ createdAt: staffSessions.createdAt, lastSeenAt: staffSessions.lastSeenAt })
    .from(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), eq(staffSessions.municipality, municipality), gt(staffSessions.expiresAt, s.now())))
    .orderBy(asc(staffSessions.createdAt));
}

/** Ends a member's sessions in one municipality (an admin's action); returns how many. */
export async function endSessionsIn(s: Services, staffId: string, municipality: string): Promise<number> {
  const ended = await s.database.db
    .delete(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), eq(staffSessions.municipality, municipality)))
    .returning({ id: staffSessions.id });
  return ended.length;
}

export function csrfFor(s: Services, id: string): string {
  return createHmac('sha256', s.secret).update(`csrf:${id}`).digest('base64url');
}

export function csrfMatches(s: Services, user: ConsoleUser, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const expected = Buffer.from(csrfFor(s, user.sessionId));
  const given = Buffer.from(value);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The signed-in person for a token, or undefined when the session is unknown, idle too long, expired or disabled. */
export async function loadSession(s: Services, token: string): Promise<ConsoleUser | undefined> {
  const db = s.database.db;
  const id = sessionId(token);
  const now = s.now();
  const settings = consoleSettings();
  const [row] = await db
    .select({ session: staffSessions, person: staff })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(and(eq(staffSessions.id, id), gt(staffSessions.expiresAt, now)));
  if (!row || row.person.disabledAt) return undefined;
  if (row.session.lastSeenAt.getTime() + settings.sessionIdleMinutes * 60_000 < now.getTime()) {
    await db.delete(staffSessions).where(eq(staffSessions.id, id));
    return undefined;
  }
  const all = await db
    .select({ municipality: staffMemberships.municipality, role: staffMemberships.role })
    .from(staffMemberships)
    .where(and(eq(staffMemberships.staffId, row.person.id), isNotNull(staffMemberships.acceptedAt)))
    .orderBy(asc(staffMemberships.municipality));
  // A session from a municipality's identity provider stays in that municipality; a password
  // session reaches only the municipalities that still allow password login.
  const sso = row.session.ssoMunicipality;
  const off = sso
    ? new Set<string>()
    : await passwordLoginOff(
        db,
        all.map((m) => m.municipality),
      );
  const memberships = all.filter((m) => (sso ? m.municipality === sso : !off.has(m.municipality)));
  const current = memberships.find((m) => m.municipality === row.session.municipality);
  if (!current) {
    // The person was removed from this municipality while signed in (or it turned password login off).
    await db.delete(staffSessions).where(eq(staffSessions.id, id));
    return undefined;
  }
  // One write a minute at most, not one per request.
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, id));
  }
  return {
    id: row.person.id,
    email: row.person.email,
    name: row.person.name,
    language: row.person.language,
    municipality: current.municipality,
    role: current.role,
    memberships,
    // A temporary password does not hold up someone the identity provider signed in.
    mustChangePassword: sso ? false : row.person.mustChangePassword,
    secondFactor: row.person.totpSecret !== null || row.session.ssoSecondFactor,
    ssoMunicipality: sso,
    sessionId: id,
    csrf: csrfFor(s, id),
  };
}

export async function endSession(s: Services, token: string): Promise<void> {
  await s.database.db.delete(staffSessions).where(eq(staffSessions.id, sessionId(token)));
}

/** Ends every session of a person except the one given (after a password change, or on request). */
export async function endOtherSessions(s: Services, staffId: string, keepSessionId: string): Promise<number> {
  const deleted = await s.database.db
    .delete(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), ne(staffSessions.id, keepSessionId)))
    .returning({ id: staffSessions.id });
  return deleted.length;
}

export async function listSessions(
  s: Services,
  staffId: string,
): Promise<{ id: string; createdAt: Date; lastSeenAt: Date; municipality: string }[]> {
  return s.database.db
    .select({
      id: staffSessions.id,
      createdAt: staffSessions.createdAt,
      lastSeenAt: staffSessions.lastSeenAt,
      municipality: staffSessions.municipality,
    })
    .from(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), gt(staffSessions.expiresAt, s.now())))
    .orderBy(asc(staffSessions.createdAt));
}

/** Switches the session to another of the person's municipalities. */
export async function switchMunicipality(s: Services, user: ConsoleUser, municipality: string): Promise<boolean> {
  if (!user.memberships.some((m) => m.municipality === municipality)) return false;
  await s.database.db.update(staffSessions).set({ municipality }).where(eq(staffSessions.id, user.sessionId));
  return true;
}

export async function purgeSessions(s: Services): Promise<number> {
  const settings = consoleSettings();
  const now = s.now();
  const idle = new Date(now.getTime() - settings.sessionIdleMinutes * 60_000);
  const expired = await s.database.db.delete(staffSessions).where(lt(staffSessions.expiresAt, now)).returning({ id: staffSessions.id });
  const stale = await s.database.db.delete(staffSessions).where(lt(staffSessions.lastSeenAt, idle)).returning({ id: staffSessions.id });
  return expired.length + stale.length;
}
