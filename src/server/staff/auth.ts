/**
 * Login and password changes. Protections:
 * - a limit on failed attempts per client address (a keyed hash, never the address itself): Astro's
 *   `clientAddress`, which behind a reverse proxy is the client's own address only when the proxy is
 *   trusted (see the README), so one client's guessing never blocks the logins of others;
 * - a lockout per login name after repeated failures, counted the same way for names that do not
 *   exist, and with the same answer and the same work (a dummy hash), so the login page does not
 *   tell which addresses have an account;
 * - a second factor for accounts that set one up (TOTP, totp.ts): after the right password the login
 *   asks for a code, carried by a short-lived signed ticket, not a session; a wrong code counts as a
 *   failed login;
 * - a new session id at every login, at most CONSOLE_MAX_SESSIONS at once (the oldest ends), and
 *   every attempt in the audit log;
 * - a password opens only municipalities that still allow password login (sso-policy.ts); a login
 *   through a municipality's identity provider (sso.ts) ends here too, in a session bound to that
 *   municipality, with the TOTP step when the provider did not vouch for a second factor.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { audit } from '../audit/log.ts';
import { allow } from '../security/rate-limit.ts';
import { keyedHash } from '../security/secrets.ts';
import { rateLimits, staff } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { acceptInvitations, accountMunicipalities, failureKey, isUuid, normaliseEmail } from './accounts.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { createSession, endOtherSessions, type ConsoleUser } from './sessions.ts';
import { consoleSettings } from './settings.ts';
import { passwordLoginOff } from './sso-policy.ts';
import { base32Encode, newTotpSecret, openSecret, otpauthUri, sealSecret, verifyTotp } from './totp.ts';

export type LoginOutcome =
  | { ok: true; token: string; mustChangePassword: boolean }
  /** The password was right and the account has a second factor: ask for a code, with this ticket. */
  | { ok: false; reason: 'second-factor'; ticket: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'rate-limited' | 'no-municipality' | 'sso-required' };

/** A login through a municipality's identity provider: the session stays in that municipality. */
interface SsoLogin {
  municipality: string;
  /** What counted as the second factor: the provider's word, the account's TOTP, or none. */
  secondFactor: 'provider' | 'totp' | undefined;
}

export function clientKey(s: Services, address: string): string {
  return keyedHash(s.secret, address);
}

/** The count of a rate-limit key in its current window, without counting a hit. */
async function peek(s: Services, key: string, windowSeconds: number): Promise<number> {
  const [row] = await s.database.db.select().from(rateLimits).where(eq(rateLimits.key, key));
  if (!row || row.windowStart.getTime() <= s.now().getTime() - windowSeconds * 1000) return 0;
  return row.count;
}

type Person = typeof staff.$inferSelect;

interface Attempt {
  now: Date;
  /** Keyed hash of the client address. */
  client: string;
  /** Failed attempts of this client (rate-limits.ts key). */
  clientFailures: string;
}

/** The start of every attempt: refused while the client has used up its failures. */
async function begin(s: Services, address: string): Promise<Attempt | 'rate-limited'> {
  const now = s.now();
  const client = clientKey(s, address);
  const clientFailures = `login-ip:${client}`;
  // Only failed attempts count against the client's budget: a client that gets its password right
  // uses none of it, and one that keeps guessing is stopped without stopping anyone else.
  if ((await peek(s, clientFailures, 900)) >= consoleSettings().loginAttemptsPerAddress) {
    await audit(s.database.db, { municipality: '', staffId: null, action: 'login-rate-limited', client, at: now });
    return 'rate-limited';
  }
  return { now, client, clientFailures };
}

async function isLocked(s: Services, person: Person | undefined, key: string, now: Date): Promise<boolean> {
  const settings = consoleSettings();
  return (
    Boolean(person?.lockedUntil && person.lockedUntil > now) || (await peek(s, key, settings.lockMinutes * 60)) >= settings.maxFailedLogins
  );
}

/** Counts a failed attempt for the login name, the account and the client; locks after too many. */
async function failed(
  s: Services,
  person: Person | undefined,
  key: string,
  a: Attempt,
  details?: Record<string, unknown>,
): Promise<'invalid' | 'locked'> {
  const db = s.database.db;
  const settings = consoleSettings();
  const lockSeconds = settings.lockMinutes * 60;
  await allow(db, key, Number.MAX_SAFE_INTEGER, lockSeconds, a.now);
  await allow(db, a.clientFailures, Number.MAX_SAFE_INTEGER, 900, a.now);
  const nowLocked = (await peek(s, key, lockSeconds)) >= settings.maxFailedLogins;
  if (person) {
    await db
      .update(staff)
      .set({
        failedLogins: sql`${staff.failedLogins} + 1`,
        ...(nowLocked ? { lockedUntil: new Date(a.now.getTime() + lockSeconds * 1000) } : {}),
      })
      .where(eq(staff.id, person.id));
  }
  await audit(db, {
    municipality: '',
    staffId: person?.id ?? null,
    action: nowLocked ? 'login-locked' : 'login-failed',
    details,
    client: a.client,
    at: a.now,
  });
  return nowLocked ? 'locked' : 'invalid';
}

export async function login(s: Services, input: { email: string; password: string; client: string }): Promise<LoginOutcome> {
  const db = s.database.db;
  const a = await begin(s, input.client);
  if (a === 'rate-limited') return { ok: false, reason: a };
  const email = normaliseEmail(input.email).slice(0, 254);
  const [person] = email ? await db.select().from(staff).where(eq(staff.email, email)) : [];
  const key = failureKey(s, email);
  if (await isLocked(s, person, key, a.now)) {
    // Verify anyway, so a locked account answers as slowly as any other.
    await verifyPassword(input.password, undefined);
    await allow(db, a.clientFailures, Number.MAX_SAFE_INTEGER, 900, a.now);
    await audit(db, { municipality: '', staffId: person?.id ?? null, action: 'login-locked', client: a.client, at: a.now });
    return { ok: false, reason: 'locked' };
  }
  const check = await verifyPassword(input.password, person?.passwordHash);
  if (!check.ok || !person || person.disabledAt) return { ok: false, reason: await failed(s, person, key, a) };
  if (check.rehash)
    await db
      .update(staff)
      .set({ passwordHash: await hashPassword(input.password) })
      .where(eq(staff.id, person.id));
  if (person.totpSecret) return { ok: false, reason: 'second-factor', ticket: ticketFor(s, person, a.now) };
  // A temporary password that is also an invitation code takes that invitation up.
  if (person.mustChangePassword) await acceptInvitations(s, person.id, input.password);
  return finish(s, person, key, a);
}

/**
 * Signs the person in, once every factor was right: a new session in their first municipality that
 * allows password login, or, after single sign-on, in the municipality of the identity provider.
 */
async function finish(s: Services, person: Person, key: string, a: Attempt, sso?: SsoLogin): Promise<LoginOutcome> {
  const db = s.database.db;
  const memberships = await accountMunicipalities(db, person.id);
  const off = sso
    ? new Set<string>()
    : await passwordLoginOff(
        db,
        memberships.map((m) => m.municipality),
      );
  const first = memberships.find((m) => (sso ? m.municipality === sso.municipality : !off.has(m.municipality)));
  if (!first) {
    const reason = memberships.length > 0 && !sso ? 'sso-required' : 'no-municipality';
    await audit(db, {
      municipality: sso?.municipality ?? '',
      staffId: person.id,
      action: 'login-failed',
      details: { reason, ...(sso ? { method: 'sso' } : {}) },
      client: a.client,
      at: a.now,
    });
    return { ok: false, reason };
  }
  await db.update(staff).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: a.now }).where(eq(staff.id, person.id));
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
  const session = await createSession(s, person.id, first.municipality, sso ? { secondFactor: sso.secondFactor !== undefined } : undefined);
  const secondFactor = sso ? sso.secondFactor : person.totpSecret ? 'totp' : undefined;
  await audit(db, {
    municipality: first.municipality,
    staffId: person.id,
    action: 'login',
    details: sso || secondFactor ? { ...(sso ? { method: 'sso' } : {}), ...(secondFactor ? { secondFactor } : {}) } : undefined,
    client: a.client,
    at: a.now,
  });
  if (session.ended > 0)
    await audit(db, {
      municipality: first.municipality,
      staffId: person.id,
      action: 'sessions-ended',
      details: { ended: session.ended, reason: 'limit' },
      at: a.now,
    });
  return { ok: true, token: session.token, mustChangePassword: sso ? false : person.mustChangePassword };
}

/**
 * The end of a login through a municipality's identity provider (sso.ts), once it has found the
 * linked account: the TOTP step when the provider did not vouch for a second factor and the account
 * has one, then a session bound to that municipality. The client's failure budget applies; the
 * account's password lockout does not (it guards the password, which SSO does not use).
 */
export async function loginAfterSso(
  s: Services,
  person: Person,
  input: { municipality: string; providerSecondFactor: boolean; client: string },
): Promise<LoginOutcome> {
  const a = await begin(s, input.client);
  if (a === 'rate-limited') return { ok: false, reason: a };
  if (!input.providerSecondFactor && person.totpSecret)
    return { ok: false, reason: 'second-factor', ticket: ticketFor(s, person, a.now, input.municipality) };
  return finish(s, person, failureKey(s, person.email), a, {
    municipality: input.municipality,
    secondFactor: input.providerSecondFactor ? 'provider' : undefined,
  });
}

/** How long the code step may take after the password step. */
const TICKET_SECONDS = 300;

/**
 * The proof, between the two steps of a login, that the first step was right (the password, or the
 * identity provider of `ssoMunicipality`): the account, a time limit, the municipality of a single
 * sign-on, and an HMAC over these and the password hash (a changed password ends it). Not a session.
 */
function ticketFor(s: Services, person: Person, now: Date, ssoMunicipality = ''): string {
  const expires = Math.floor(now.getTime() / 1000) + TICKET_SECONDS;
  return `${person.id}.${expires}.${ssoMunicipality}.${ticketMac(s, person, expires, ssoMunicipality).toString('base64url')}`;
}

function ticketMac(s: Services, person: Person, expires: string | number, ssoMunicipality: string): Buffer {
  return createHmac('sha256', s.secret).update(`login-ticket:${person.id}:${expires}:${ssoMunicipality}:${person.passwordHash}`).digest();
}

async function personOfTicket(s: Services, ticket: string, now: Date): Promise<{ person: Person; sso: string } | undefined> {
  const [id, expires, sso, mac] = ticket.split('.');
  if (!isUuid(id) || !expires || sso === undefined || !mac || Number(expires) * 1000 < now.getTime()) return undefined;
  const [person] = await s.database.db.select().from(staff).where(eq(staff.id, id));
  if (!person) return undefined;
  const expected = ticketMac(s, person, expires, sso);
  const given = Buffer.from(mac, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? { person, sso } : undefined;
}

/**
 * The second step of a login with a second factor: the ticket of the first step and a code from the
 * authenticator app. A wrong code counts like a wrong password (lockout, the client's budget); a code
 * works once.
 */
export async function loginSecondFactor(s: Services, input: { ticket: string; code: string; client: string }): Promise<LoginOutcome> {
  const db = s.database.db;
  const a = await begin(s, input.client);
  if (a === 'rate-limited') return { ok: false, reason: a };
  const proof = await personOfTicket(s, input.ticket.slice(0, 200), a.now);
  const person = proof?.person;
  if (!proof || !person || person.disabledAt || !person.totpSecret) return { ok: false, reason: 'invalid' };
  const key = failureKey(s, person.email);
  if (!proof.sso && (await isLocked(s, person, key, a.now))) return { ok: false, reason: 'locked' };
  const secret = openSecret(s.secret, person.totpSecret);
  const step = secret ? verifyTotp(secret, input.code.slice(0, 20), a.now, person.totpLastStep) : undefined;
  if (step === undefined) return { ok: false, reason: await failed(s, person, key, a, { reason: 'second-factor' }) };
  // Conditional, so two requests with the same code cannot both get in.
  const used = await db
    .update(staff)
    .set({ totpLastStep: step })
    .where(and(eq(staff.id, person.id), or(isNull(staff.totpLastStep), lt(staff.totpLastStep, step))))
    .returning({ id: staff.id });
  if (used.length === 0) return { ok: false, reason: await failed(s, person, key, a, { reason: 'second-factor' }) };
  return finish(s, person, key, a, proof.sso ? { municipality: proof.sso, secondFactor: 'totp' } : undefined);
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

/** A second factor being set up: the key to type into an authenticator app, and the link it reads. */
export interface SecondFactorSetup {
  key: string;
  uri: string;
}

function setupOf(secret: Uint8Array, email: string): SecondFactorSetup {
  return {
    key: base32Encode(secret)
      .replace(/(.{4})/g, '$1 ')
      .trim(),
    uri: otpauthUri(secret, email),
  };
}

/** Starts (or starts again) setting up a second factor: a new secret, kept until a code confirms it. */
export async function startSecondFactor(s: Services, user: ConsoleUser): Promise<SecondFactorSetup> {
  const secret = newTotpSecret();
  await s.database.db
    .update(staff)
    .set({ totpPending: sealSecret(s.secret, secret) })
    .where(eq(staff.id, user.id));
  return setupOf(secret, user.email);
}

/** The setup in progress, to show again (on the person's own account page only). */
export async function pendingSecondFactor(s: Services, user: ConsoleUser): Promise<SecondFactorSetup | undefined> {
  const [person] = await s.database.db.select({ pending: staff.totpPending }).from(staff).where(eq(staff.id, user.id));
  const secret = person?.pending ? openSecret(s.secret, person.pending) : undefined;
  return secret ? setupOf(secret, user.email) : undefined;
}

/** Confirms the setup with a code from the app; from then on every login asks for a code. Other sessions end. */
export async function confirmSecondFactor(s: Services, user: ConsoleUser, code: string): Promise<boolean> {
  const db = s.database.db;
  const now = s.now();
  const [person] = await db.select({ pending: staff.totpPending }).from(staff).where(eq(staff.id, user.id));
  const secret = person?.pending ? openSecret(s.secret, person.pending) : undefined;
  const step = secret ? verifyTotp(secret, code.slice(0, 20), now, null) : undefined;
  if (!secret || step === undefined) return false;
  await db
    .update(staff)
    .set({ totpSecret: sealSecret(s.secret, secret), totpPending: null, totpLastStep: step, totpEnabledAt: now })
    .where(eq(staff.id, user.id));
  const endedSessions = await endOtherSessions(s, user.id, user.sessionId);
  await audit(db, { municipality: user.municipality, staffId: user.id, action: 'second-factor-on', details: { endedSessions }, at: now });
  return true;
}

/** Turns the second factor off, with a current code (so a session left open cannot do it). */
export async function removeSecondFactor(s: Services, user: ConsoleUser, code: string): Promise<boolean> {
  const db = s.database.db;
  const now = s.now();
  const [person] = await db.select().from(staff).where(eq(staff.id, user.id));
  const secret = person?.totpSecret ? openSecret(s.secret, person.totpSecret) : undefined;
  const step = secret ? verifyTotp(secret, code.slice(0, 20), now, person!.totpLastStep) : undefined;
  if (step === undefined) return false;
  await db.update(staff).set({ totpSecret: null, totpPending: null, totpLastStep: null, totpEnabledAt: null }).where(eq(staff.id, user.id));
  await audit(db, { municipality: user.municipality, staffId: user.id, action: 'second-factor-off', at: now });
  return true;
}
