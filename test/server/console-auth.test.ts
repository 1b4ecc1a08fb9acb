/**
 * Staff accounts and sessions against real databases (PGlite and PostgreSQL): argon2id hashes,
 * login, lockout that treats unknown names the same, limits per client address, sessions that end
 * (idle, maximum age, logout, password change, removal), CSRF tokens, roles and the audit log.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryAudit } from '../../src/server/audit/log.ts';
import { auditLog, rateLimits, staff, staffMemberships, staffSessions } from '../../src/server/db/schema.ts';
import { addStaff, removeStaff, resetPassword, setRole, unlock } from '../../src/server/staff/accounts.ts';
import { changePassword, login } from '../../src/server/staff/auth.ts';
import { safeReturnPath } from '../../src/server/staff/guard.ts';
import { hashPassword, passwordProblem, temporaryPassword, verifyPassword } from '../../src/server/staff/passwords.ts';
import { can } from '../../src/server/staff/permissions.ts';
import {
  csrfMatches,
  endSession,
  loadSession,
  sessionCookie,
  switchMunicipality,
  tokenFromCookies,
} from '../../src/server/staff/sessions.ts';
import { testDatabases } from '../support/db.ts';
import { servicesPerBlock, type Clock, type OpenTestDatabase, type TestServices } from '../support/services.ts';

const PASSWORD = 'een lange zin als wachtwoord';

describe('passwords', () => {
  it('hashes with argon2id in a PHC string, verifies, and refuses a wrong password', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hashPassword(PASSWORD)).not.toBe(hash);
    expect(await verifyPassword(PASSWORD, hash)).toEqual({ ok: true, rehash: false });
    expect((await verifyPassword(`${PASSWORD}!`, hash)).ok).toBe(false);
    expect((await verifyPassword(PASSWORD, undefined)).ok).toBe(false);
    expect((await verifyPassword(PASSWORD, 'not a hash')).ok).toBe(false);
  });

  it('asks for a new hash when the parameters were weaker', async () => {
    const { argon2Sync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const key = argon2Sync('argon2id', {
      message: Buffer.from(PASSWORD),
      nonce: salt,
      memory: 19456,
      passes: 2,
      parallelism: 1,
      tagLength: 32,
    });
    const old = `$argon2id$v=19$m=19456,t=2,p=1$${salt.toString('base64').replace(/=+$/, '')}$${key.toString('base64').replace(/=+$/, '')}`;
    expect(await verifyPassword(PASSWORD, old)).toEqual({ ok: true, rehash: true });
  });

  it('refuses short, name-like and common passwords, and makes readable temporary ones', () => {
    const who = { email: 'jan.jansen@gemeente.example', name: 'Jan Jansen' };
    expect(passwordProblem('kort', who)).toBe('too-short');
    expect(passwordProblem('jan.jansen-2026!', who)).toBe('like-name');
    expect(passwordProblem('Wachtwoord2026!', who)).toBe('common');
    expect(passwordProblem('aaaaaaaaaaaaaa', who)).toBe('common');
    expect(passwordProblem(PASSWORD, who)).toBeUndefined();
    expect(temporaryPassword()).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  });
});

describe.each(testDatabases)('staff accounts and sessions on $name', (target) => {
  let db: OpenTestDatabase;
  let s: TestServices;
  let time: Clock;
  const client = '203.0.113.9';

  servicesPerBlock(target, { empty: [staffSessions, staff, rateLimits, auditLog] }, (f) => ({ db, s, time } = f));

  const create = async (email: string, municipality = 'GM0106', role = 'admin') => {
    const r = await addStaff(s, municipality, { email, name: 'Anna de Boer', role, password: PASSWORD });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.staffId;
  };

  it('logs in with the right password, in a session stored only as a hash', async () => {
    const id = await create('Anna@Gemeente.example');
    const r = await login(s, { email: ' anna@gemeente.example ', password: PASSWORD, client });
    expect(r).toMatchObject({ ok: true, mustChangePassword: false });
    if (!r.ok) return;
    expect(r.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await db.db.select().from(staffSessions);
    expect(row!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.id).not.toContain(r.token);
    const user = await loadSession(s, r.token);
    expect(user).toMatchObject({ id, email: 'anna@gemeente.example', municipality: 'GM0106', role: 'admin' });
    const [person] = await db.db.select().from(staff).where(eq(staff.id, id));
    expect(person!.lastLoginAt).toEqual(time.now());
    expect((await db.db.select().from(auditLog)).map((a) => a.action)).toEqual(['login']);
  });

  it('answers a wrong password and an unknown address alike, and locks both after five failures', async () => {
    const id = await create('bert@gemeente.example');
    for (let i = 0; i < 4; i++) {
      expect(await login(s, { email: 'bert@gemeente.example', password: 'fout wachtwoord', client })).toEqual({
        ok: false,
        reason: 'invalid',
      });
      expect(await login(s, { email: 'niemand@gemeente.example', password: 'fout wachtwoord', client })).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    expect(await login(s, { email: 'bert@gemeente.example', password: 'fout wachtwoord', client })).toEqual({
      ok: false,
      reason: 'locked',
    });
    expect(await login(s, { email: 'niemand@gemeente.example', password: 'fout wachtwoord', client })).toEqual({
      ok: false,
      reason: 'locked',
    });
    // Locked: even the right password does not get in.
    expect(await login(s, { email: 'bert@gemeente.example', password: PASSWORD, client })).toEqual({ ok: false, reason: 'locked' });
    const [person] = await db.db.select().from(staff).where(eq(staff.id, id));
    expect(person!.lockedUntil!.getTime()).toBe(time.now().getTime() + 15 * 60_000);
    // The counters are keyed hashes, never the address.
    expect((await db.db.select().from(rateLimits)).map((r) => r.key).join(' ')).not.toContain('gemeente.example');
    // After the lock time the right password works again and the count starts over.
    time.set(new Date(time.now().getTime() + 16 * 60_000));
    expect(await login(s, { email: 'bert@gemeente.example', password: PASSWORD, client })).toMatchObject({ ok: true });
    const actions = (await db.db.select().from(auditLog)).map((a) => a.action);
    expect(actions.filter((a) => a === 'login-failed')).toHaveLength(8);
    expect(actions).toContain('login-locked');
    expect(actions.at(-1)).toBe('login');
  });

  it('lets an admin unlock an account at once', async () => {
    const id = await create('carla@gemeente.example');
    for (let i = 0; i < 5; i++) await login(s, { email: 'carla@gemeente.example', password: 'fout wachtwoord', client });
    expect(await login(s, { email: 'carla@gemeente.example', password: PASSWORD, client })).toEqual({ ok: false, reason: 'locked' });
    expect(await unlock(s, { id: null, municipality: 'GM0106' }, id)).toBe('ok');
    expect(await login(s, { email: 'carla@gemeente.example', password: PASSWORD, client })).toMatchObject({ ok: true });
    // An admin of another municipality cannot unlock her.
    expect(await unlock(s, { id: null, municipality: 'GM1708' }, id)).toBe('not-found');
  });

  it('limits login attempts per client address', async () => {
    await create('dirk@gemeente.example');
    for (let i = 0; i < 30; i++) await login(s, { email: `x${i}@gemeente.example`, password: 'fout', client: '198.51.100.1' });
    expect(await login(s, { email: 'dirk@gemeente.example', password: PASSWORD, client: '198.51.100.1' })).toEqual({
      ok: false,
      reason: 'rate-limited',
    });
    expect(await login(s, { email: 'dirk@gemeente.example', password: PASSWORD, client: '198.51.100.2' })).toMatchObject({ ok: true });
    // 32 real argon2id hashes (unknown addresses are hashed too, so timing reveals nothing): slow on a busy machine.
  }, 90_000);

  it('ends a session after an idle hour, after twelve hours, at logout and on removal from the municipality', async () => {
    const id = await create('eva@gemeente.example');
    const a = await login(s, { email: 'eva@gemeente.example', password: PASSWORD, client });
    if (!a.ok) throw new Error('login');
    time.set(new Date(time.now().getTime() + 59 * 60_000));
    expect(await loadSession(s, a.token)).toBeDefined();
    time.set(new Date(time.now().getTime() + 61 * 60_000));
    expect(await loadSession(s, a.token)).toBeUndefined();

    const b = await login(s, { email: 'eva@gemeente.example', password: PASSWORD, client });
    if (!b.ok) throw new Error('login');
    for (let h = 0; h < 13; h++) {
      time.set(new Date(time.now().getTime() + 55 * 60_000));
      expect(await loadSession(s, b.token), `hour ${h}`).toBeDefined();
    }
    time.set(new Date(time.now().getTime() + 10 * 60_000));
    expect(await loadSession(s, b.token)).toBeUndefined();

    const c = await login(s, { email: 'eva@gemeente.example', password: PASSWORD, client });
    if (!c.ok) throw new Error('login');
    await endSession(s, c.token);
    expect(await loadSession(s, c.token)).toBeUndefined();

    const d = await login(s, { email: 'eva@gemeente.example', password: PASSWORD, client });
    if (!d.ok) throw new Error('login');
    await create('admin2@gemeente.example');
    expect(await removeStaff(db.db, 'GM0106', id)).toBe('ok');
    expect(await loadSession(s, d.token)).toBeUndefined();
    expect(await login(s, { email: 'eva@gemeente.example', password: PASSWORD, client })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('changes a temporary password, which ends the other sessions', async () => {
    const r = await addStaff(s, 'GM0106', { email: 'fleur@gemeente.example', name: 'Fleur Visser', role: 'caseworker' });
    if (!r.ok || !r.temporaryPassword) throw new Error('no temporary password');
    const first = await login(s, { email: 'fleur@gemeente.example', password: r.temporaryPassword, client });
    const second = await login(s, { email: 'fleur@gemeente.example', password: r.temporaryPassword, client });
    if (!first.ok || !second.ok) throw new Error('login');
    expect(first.mustChangePassword).toBe(true);
    const user = (await loadSession(s, first.token))!;
    expect(await changePassword(s, user, { current: 'fout', password: PASSWORD, repeat: PASSWORD })).toEqual({
      ok: false,
      field: 'current',
      problem: 'wrong',
    });
    expect(await changePassword(s, user, { current: r.temporaryPassword, password: 'kort', repeat: 'kort' })).toMatchObject({
      ok: false,
      field: 'new',
      problem: 'too-short',
    });
    expect(await changePassword(s, user, { current: r.temporaryPassword, password: PASSWORD, repeat: 'iets anders' })).toMatchObject({
      ok: false,
      field: 'repeat',
    });
    expect(await changePassword(s, user, { current: r.temporaryPassword, password: PASSWORD, repeat: PASSWORD })).toEqual({
      ok: true,
      endedSessions: 1,
    });
    expect(await loadSession(s, second.token)).toBeUndefined();
    expect((await loadSession(s, first.token))!.mustChangePassword).toBe(false);
    expect((await login(s, { email: 'fleur@gemeente.example', password: r.temporaryPassword, client })).ok).toBe(false);
    // A reset by an admin gives a new temporary password and signs the person out.
    const reset = await resetPassword(s, { id: null, municipality: 'GM0106' }, r.staffId);
    expect(reset.password).toMatch(/^[a-z2-9-]{19}$/);
    expect(await loadSession(s, first.token)).toBeUndefined();
    expect(await login(s, { email: 'fleur@gemeente.example', password: reset.password!, client })).toMatchObject({
      ok: true,
      mustChangePassword: true,
    });
  });

  it('gives staff of a shared service a role per municipality, and switches between them', async () => {
    const id = await create('gerda@werkplein.example', 'GM0106', 'caseworker');
    const again = await addStaff(s, 'GM1680', { email: 'gerda@werkplein.example', name: 'Gerda', role: 'viewer' });
    expect(again).toMatchObject({ ok: true, staffId: id, existing: true, temporaryPassword: undefined });
    expect(await addStaff(s, 'GM1680', { email: 'gerda@werkplein.example', name: 'Gerda', role: 'viewer' })).toEqual({
      ok: false,
      reason: 'already-member',
    });
    const r = await login(s, { email: 'gerda@werkplein.example', password: PASSWORD, client });
    if (!r.ok) throw new Error('login');
    const user = (await loadSession(s, r.token))!;
    expect(user.memberships.map((m) => m.municipality)).toEqual(['GM0106', 'GM1680']);
    expect(user).toMatchObject({ municipality: 'GM0106', role: 'caseworker' });
    expect(await switchMunicipality(s, user, 'GM1708')).toBe(false);
    expect(await switchMunicipality(s, user, 'GM1680')).toBe(true);
    expect(await loadSession(s, r.token)).toMatchObject({ municipality: 'GM1680', role: 'viewer' });
  });

  it('keeps the last admin, and checks roles', async () => {
    const id = await create('hans@gemeente.example');
    expect(await setRole(db.db, 'GM0106', id, 'viewer')).toBe('last-admin');
    expect(await removeStaff(db.db, 'GM0106', id)).toBe('last-admin');
    expect(await setRole(db.db, 'GM0106', id, 'superuser')).toBe('invalid');
    const other = await create('ines@gemeente.example');
    expect(await setRole(db.db, 'GM0106', id, 'viewer')).toBe('ok');
    expect(await setRole(db.db, 'GM1708', other, 'viewer')).toBe('not-found');
    const [m] = await db.db.select().from(staffMemberships).where(eq(staffMemberships.staffId, id));
    expect(m!.role).toBe('viewer');
    expect(can({ role: 'viewer' }, 'worklist.view')).toBe(true);
    expect(can({ role: 'viewer' }, 'case.edit')).toBe(false);
    expect(can({ role: 'viewer' }, 'case.export')).toBe(false);
    expect(can({ role: 'caseworker' }, 'case.edit')).toBe(true);
    expect(can({ role: 'caseworker' }, 'staff.manage')).toBe(false);
    expect(can({ role: 'caseworker' }, 'audit.view')).toBe(false);
    expect(can({ role: 'admin' }, 'audit.view')).toBe(true);
  });

  it('ties the CSRF token to the session, and sets the cookie HttpOnly, SameSite=Strict and (in production) Secure', async () => {
    await create('joop@gemeente.example');
    const a = await login(s, { email: 'joop@gemeente.example', password: PASSWORD, client });
    const b = await login(s, { email: 'joop@gemeente.example', password: PASSWORD, client });
    if (!a.ok || !b.ok) throw new Error('login');
    const ua = (await loadSession(s, a.token))!;
    const ub = (await loadSession(s, b.token))!;
    expect(csrfMatches(s, ua, ua.csrf)).toBe(true);
    expect(csrfMatches(s, ua, ub.csrf)).toBe(false);
    expect(csrfMatches(s, ua, '')).toBe(false);
    expect(csrfMatches(s, ua, undefined)).toBe(false);
    expect(sessionCookie(a.token, true)).toBe(`__Host-rondkomen-beheer=${a.token}; Path=/; HttpOnly; SameSite=Strict; Secure`);
    expect(sessionCookie(a.token, false)).toBe(`rondkomen-beheer=${a.token}; Path=/; HttpOnly; SameSite=Strict`);
    expect(tokenFromCookies(`x=1; __Host-rondkomen-beheer=${a.token}`, true)).toBe(a.token);
    expect(tokenFromCookies(`rondkomen-beheer=${a.token}`, true)).toBeUndefined();
    expect(tokenFromCookies('rondkomen-beheer=short', false)).toBeUndefined();
  });

  it('sends people back only to console pages after login', () => {
    expect(safeReturnPath('/beheer/werklijst?status=new')).toBe('/beheer/werklijst?status=new');
    expect(safeReturnPath('https://evil.example/beheer')).toBe('/beheer');
    expect(safeReturnPath('//evil.example')).toBe('/beheer');
    expect(safeReturnPath('/beheerder')).toBe('/beheer');
    expect(safeReturnPath('/beheer/uitloggen')).toBe('/beheer');
    expect(safeReturnPath(undefined)).toBe('/beheer');
  });

  it('shows admins the log of their own municipality, with their staff logins', async () => {
    const own = await create('karin@gemeente.example', 'GM0106');
    const other = await create('lars@gemeente.example', 'GM1708');
    await login(s, { email: 'karin@gemeente.example', password: 'fout', client });
    await login(s, { email: 'lars@gemeente.example', password: 'fout', client });
    await login(s, { email: 'karin@gemeente.example', password: PASSWORD, client });
    await login(s, { email: 'lars@gemeente.example', password: PASSWORD, client });
    const log = await queryAudit(db.db, 'GM0106', {}, { offset: 0, limit: 50 });
    expect(log.rows.every((r) => r.staffId === own)).toBe(true);
    expect(log.rows.map((r) => r.action).sort()).toEqual(['login', 'login-failed']);
    const theirs = await queryAudit(db.db, 'GM1708', {}, { offset: 0, limit: 50 });
    expect(theirs.rows.every((r) => r.staffId === other)).toBe(true);
    // Addresses never reach the log; the client is a keyed hash.
    const all = JSON.stringify(await db.db.select().from(auditLog));
    expect(all).not.toContain('gemeente.example');
    expect(all).not.toContain(client);
  });
});
