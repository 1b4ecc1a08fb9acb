/**
 * Login and password changes. Protections:
 * - a limit on failed attempts per client address (a keyed hash, never the address itself): Astro's
 *   `clientAddress`, which behind a reverse proxy is the client's own address only when the proxy is
 *   trusted (see the README), so one client's guessing never blocks the logins of others;
 * - a lockout per login name after repeated failures, counted the same way for names that do not
 *   exist, and with the same answer and the same work (a dummy hash), so the login page does not
 *   tell which addresses have an account;
 * - a new session id at every login, and every attempt in the audit log.
 */
import { and, eq, sql } from 'drizzle-orm';
import { audit } from '../audit/log.ts';
import { allow } from '../consent/rate-limit.ts';
import { keyedHash } from '../consent/secrets.ts';
import { rateLimits, staff } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { acceptInvitations, accountMunicipalities, failureKey, normaliseEmail } from './accounts.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { createSession, endOtherSessions, type ConsoleUser } from './sessions.ts';
import { consoleSettings } from './settings.ts';

export type LoginOutcome =
  | { ok: true; token: string; mustChangePassword: boolean }
  | { ok: false; reason: 'invalid' | 'locked' | 'rate-limited' | 'no-municipality' };

export function clientKey(s: Services, address: string): string {
  return keyedHash(s.secret, address);
}

/** The count of a rate-limit key in its current window, without counting a hit. */
async function peek(s: Services, key: string, windowSeconds: number): Promise<number> {
  const [row] = await s.database.db.select().from(rateLimits).where(eq(rateLimits.key, key));
  if (!row || row.windowStart.getTime() <= s.now().getTime() - windowSeconds * 1000) return 0;
  return row.count;
}

export async function login(s: Services, input: { email: string; password: string; client: string }): Promise<LoginOutcome> {
  const db = s.database.db;
  const settings = consoleSettings();
  const now = s.now();
  const client = clientKey(s, input.client);
  const clientFailures = `login-ip:${client}`;
  // Only failed attempts count against the client's budget: a client that gets its password right
  // uses none of it, and one that keeps guessing is stopped without stopping anyone else.
  if ((await peek(s, clientFailures, 900)) >= settings.loginAttemptsPerAddress) {
    await audit(db, { municipality: '', staffId: null, action: 'login-rate-limited', client, at: now });
    return { ok: false, reason: 'rate-limited' };
  }
  const email = normaliseEmail(input.email).slice(0, 254);
  const [person] = email ? await db.select().from(staff).where(eq(staff.email, email)) : [];
  const key = failureKey(s, email);
  const lockSeconds = settings.lockMinutes * 60;
  const locked = (person?.lockedUntil && person.lockedUntil > now) || (await peek(s, key, lockSeconds)) >= settings.maxFailedLogins;
  if (locked) {
    // Verify anyway, so a locked account answers as slowly as any other.
    await verifyPassword(input.password, undefined);
    await allow(db, clientFailures, Number.MAX_SAFE_INTEGER, 900, now);
    await audit(db, { municipality: '', staffId: person?.id ?? null, action: 'login-locked', client, at: now });
    return { ok: false, reason: 'locked' };
  }
  const check = await verifyPassword(input.password, person?.passwordHash);
  if (!check.ok || !person || person.disabledAt) {
    await allow(db, key, Number.MAX_SAFE_INTEGER, lockSeconds, now);
    await allow(db, clientFailures, Number.MAX_SAFE_INTEGER, 900, now);
    const failures = await peek(s, key, lockSeconds);
    const nowLocked = failures >= settings.maxFailedLogins;
    if (person) {
      await db
        .update(staff)
        .set({
          failedLogins: sql`${staff.failedLogins} + 1`,
          ...(nowLocked ? { lockedUntil: new Date(now.getTime() + lockSeconds * 1000) } : {}),
        })
        .where(eq(staff.id, person.id));
    }
    await audit(db, {
      municipality: '',
      staffId: person?.id ?? null,
      action: nowLocked ? 'login-locked' : 'login-failed',
      client,
      at: now,
    });
    return { ok: false, reason: nowLocked ? 'locked' : 'invalid' };
  }
  // A temporary password that is also an invitation code takes that invitation up.
  if (person.mustChangePassword) await acceptInvitations(s, person.id, input.password);
  const memberships = await accountMunicipalities(db, person.id);
  const first = memberships[0];
  if (!first) {
    await audit(db, {
      municipality: '',
      staffId: person.id,
      action: 'login-failed',
      details: { reason: 'no-municipality' },
      client,
      at: now,
    });
    return { ok: false, reason: 'no-municipality' };
  }
  await db
    .update(staff)
    .set({
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: now,
      ...(check.rehash ? { passwordHash: await hashPassword(input.password) } : {}),
    })
    .where(eq(staff.id, person.id));
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
  const session = await createSession(s, person.id, first.municipality);
  await audit(db, { municipality: first.municipality, staffId: person.id, action: 'login', client, at: now });
  return { ok: true, token: session.token, mustChangePassword: person.mustChangePassword };
}

export type PasswordChange = { ok: true; endedSessions: number } | { ok: false; field: 'current' | 'new' | 'repeat'; problem: string };

/** Changes the signed-in person's own password; other sessions end. */
export async function changePassword(
  s: Services,
  user: ConsoleUser,
  input: { current: string; password: string; repeat: string },
): Promise<PasswordChange> {
  const db = s.database.db;
  const [person] = await db.select().from(staff).where(eq(staff.id, user.id));
  if (!person) return { ok: false, field: 'current', problem: 'wrong' };
  const check = await verifyPassword(input.current, person.passwordHash);
  if (!check.ok) return { ok: false, field: 'current', problem: 'wrong' };
  const problem = passwordProblem(input.password, { email: person.email, name: person.name });
  if (problem) return { ok: false, field: 'new', problem };
  if (input.password === input.current) return { ok: false, field: 'new', problem: 'same' };
  if (input.password !== input.repeat) return { ok: false, field: 'repeat', problem: 'different' };
  await db
    .update(staff)
    .set({ passwordHash: await hashPassword(input.password), mustChangePassword: false, passwordChangedAt: s.now() })
    .where(and(eq(staff.id, user.id)));
  const endedSessions = await endOtherSessions(s, user.id, user.sessionId);
  await audit(db, { municipality: user.municipality, staffId: user.id, action: 'password-changed', details: { endedSessions } });
  return { ok: true, endedSessions };
}
