/**
 * Accounts shared between municipalities, against real databases (PGlite and PostgreSQL): an admin
 * of one municipality cannot take over, re-enable or even detect an account of another. What belongs
 * to an account (password, lock) changes only by the person or by an admin of every municipality the
 * account works for; an invitation answers the same whether or not the address has an account; a
 * refused attempt is logged in both municipalities. (Review of December 2026, §1b and §1c.)
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryAudit } from '../../src/server/audit/log.ts';
import { auditLog, rateLimits, staff, staffMemberships, staffSessions } from '../../src/server/db/schema.ts';
import {
  acceptInvitations,
  addStaff,
  findStaff,
  inviteStaff,
  listStaff,
  removeStaff,
  resetPassword,
  setRole,
  unlock,
} from '../../src/server/staff/accounts.ts';
import { changePassword, login } from '../../src/server/staff/auth.ts';
import { createSession, loadSession, type ConsoleUser } from '../../src/server/staff/sessions.ts';
import { testDatabases } from '../support/db.ts';
import { servicesPerBlock, type OpenTestDatabase, type TestServices } from '../support/services.ts';

const PASSWORD = 'een lange zin als wachtwoord';
const ASSEN = 'GM0106';
const NIJKERK = 'GM0267';
const client = '203.0.113.20';

describe.each(testDatabases)('accounts shared between municipalities on $name', (target) => {
  let db: OpenTestDatabase;
  let s: TestServices;

  servicesPerBlock(target, { empty: [staffSessions, staff, rateLimits, auditLog] }, (f) => ({ db, s } = f));

  /** An account made from the command line, signed in to `municipality`. */
  const person = async (email: string, municipality: string, role = 'admin', name = 'Bert Assen'): Promise<ConsoleUser> => {
    const r = await addStaff(s, municipality, { email, name, role, password: PASSWORD });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const session = await createSession(s, r.staffId, municipality);
    return (await loadSession(s, session.token))!;
  };
  const actions = async (municipality: string): Promise<string[]> =>
    (await queryAudit(db.db, municipality, {}, { offset: 0, limit: 100 })).rows.map((r) => r.action);

  it('does not let an admin of another municipality reset, unlock or log in as an invited account', async () => {
    const bert = await person('admin2@assen.example', ASSEN);
    await person('admin@assen.example', ASSEN);
    const nijkerk = await person('admin@nijkerk.example', NIJKERK, 'admin', 'Nel Nijkerk');

    const invited = await inviteStaff(s, nijkerk, { email: 'Admin2@Assen.example', name: 'Wie dan ook', role: 'viewer' });
    if (!invited.ok) throw new Error(JSON.stringify(invited));
    expect(invited.staffId).toBe(bert.id);
    // Nijkerk sees only what its admin typed: no name, lock state or last login of the Assen account.
    const row = (await listStaff(db.db, NIJKERK)).find((m) => m.id === bert.id)!;
    expect(row).toMatchObject({ name: 'Wie dan ook', state: 'invited', lastLoginAt: null, lockedUntil: null, failedLogins: 0 });

    // The code is no password for an existing account, and a new code changes nothing of it.
    expect(await login(s, { email: 'admin2@assen.example', password: invited.code, client })).toEqual({ ok: false, reason: 'invalid' });
    const again = await resetPassword(s, nijkerk, bert.id);
    expect(again.outcome).toBe('ok');
    expect(await login(s, { email: 'admin2@assen.example', password: again.password!, client })).toEqual({ ok: false, reason: 'invalid' });
    expect(await unlock(s, nijkerk, bert.id)).toBe('invalid');
    const own = await login(s, { email: 'admin2@assen.example', password: PASSWORD, client });
    if (!own.ok) throw new Error('the real password stopped working');
    expect((await loadSession(s, own.token))!.memberships).toEqual([{ municipality: ASSEN, role: 'admin' }]);
    // Nijkerk's log does not show the Assen account's logins while it is only invited.
    expect(await actions(NIJKERK)).not.toContain('login');
  });

  it('lets the person take an invitation up, after which only an admin of both municipalities changes the password', async () => {
    const bert = await person('admin2@assen.example', ASSEN);
    const assenAdmin = await person('admin@assen.example', ASSEN);
    const nijkerk = await person('admin@nijkerk.example', NIJKERK, 'admin', 'Nel Nijkerk');
    const invited = await inviteStaff(s, nijkerk, { email: 'admin2@assen.example', name: 'Bert', role: 'caseworker' });
    if (!invited.ok) throw new Error('invite');
    expect(await acceptInvitations(s, bert.id, 'xxxx-xxxx-xxxx-xxxx')).toEqual([]);
    expect(await acceptInvitations(s, bert.id, invited.code)).toEqual([NIJKERK]);
    expect(await findStaff(db.db, NIJKERK, bert.id)).toMatchObject({ state: 'member', name: 'Bert Assen' });

    // Nijkerk alone may not reset or unlock the shared account; both logs record the attempt.
    expect(await resetPassword(s, nijkerk, bert.id)).toEqual({ outcome: 'not-allowed' });
    expect(await unlock(s, nijkerk, bert.id)).toBe('not-allowed');
    for (const m of [ASSEN, NIJKERK]) {
      const denied = (await queryAudit(db.db, m, { action: 'access-denied' }, { offset: 0, limit: 10 })).rows;
      expect(denied.map((d) => [d.staffId, d.subjectId, (d.details as { attempt: string }).attempt]).sort()).toEqual(
        [
          [nijkerk.id, bert.id, 'staff.reset'],
          [nijkerk.id, bert.id, 'staff.unlock'],
        ].sort(),
      );
    }
    expect(await login(s, { email: 'admin2@assen.example', password: PASSWORD, client })).toMatchObject({ ok: true });

    // Nor may Assen alone; an admin of both may, and both logs say so.
    expect((await resetPassword(s, assenAdmin, bert.id)).outcome).toBe('not-allowed');
    const both = await person('beheer@werkplein.example', ASSEN, 'admin', 'Wil Werkplein');
    await addStaff(s, NIJKERK, { email: 'beheer@werkplein.example', name: 'Wil Werkplein', role: 'admin' });
    const bothUser = (await loadSession(s, (await createSession(s, both.id, NIJKERK)).token))!;
    const reset = await resetPassword(s, bothUser, bert.id);
    expect(reset.outcome).toBe('ok');
    for (const m of [ASSEN, NIJKERK]) expect(await actions(m)).toContain('staff.reset');
    expect(await login(s, { email: 'admin2@assen.example', password: PASSWORD, client })).toEqual({ ok: false, reason: 'invalid' });

    // The person may always change their own password.
    const temp = await login(s, { email: 'admin2@assen.example', password: reset.password!, client });
    if (!temp.ok) throw new Error('login');
    const self = (await loadSession(s, temp.token))!;
    expect(await changePassword(s, self, { current: reset.password!, password: PASSWORD, repeat: PASSWORD })).toMatchObject({ ok: true });

    // A role is the municipality's own: Nijkerk's change leaves Assen's role as it was.
    expect(await setRole(db.db, NIJKERK, bert.id, 'viewer')).toBe('ok');
    const roles = await db.db.select().from(staffMemberships).where(eq(staffMemberships.staffId, bert.id));
    expect(Object.fromEntries(roles.map((r) => [r.municipality, r.role]))).toEqual({ [ASSEN]: 'admin', [NIJKERK]: 'viewer' });
  });

  it('answers an invitation the same whether or not the address has an account anywhere', async () => {
    await person('admin2@assen.example', ASSEN);
    const nijkerk = await person('admin@nijkerk.example', NIJKERK, 'admin', 'Nel Nijkerk');
    const known = await inviteStaff(s, nijkerk, { email: 'admin2@assen.example', name: 'Iemand', role: 'viewer' });
    const unknown = await inviteStaff(s, nijkerk, { email: 'nieuw@nijkerk.example', name: 'Iemand anders', role: 'viewer' });
    if (!known.ok || !unknown.ok) throw new Error('invite');
    expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
    expect(known.code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(unknown.code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const rows = await listStaff(db.db, NIJKERK);
    const shape = (id: string) => {
      const m = rows.find((x) => x.id === id)!;
      return { ...m, id: '', email: '', name: '' };
    };
    expect(shape(known.staffId)).toEqual(shape(unknown.staffId));
    // Asking twice says only that the person is already in this municipality.
    expect(await inviteStaff(s, nijkerk, { email: 'admin2@assen.example', name: 'Iemand', role: 'viewer' })).toEqual({
      ok: false,
      reason: 'already-member',
    });
    // A new person logs in with the code, takes the invitation up, and must choose a password.
    const first = await login(s, { email: 'nieuw@nijkerk.example', password: unknown.code, client });
    expect(first).toMatchObject({ ok: true, mustChangePassword: true });
    if (!first.ok) return;
    expect(await loadSession(s, first.token)).toMatchObject({ municipality: NIJKERK, role: 'viewer' });
  });

  it('does not let another municipality bring back an account that was removed, with its old password', async () => {
    const assenAdmin = await person('admin@assen.example', ASSEN);
    const victor = await person('viewer@assen.example', ASSEN, 'viewer', 'Victor Viewer');
    expect(await removeStaff(db.db, ASSEN, victor.id)).toBe('ok');
    expect(await login(s, { email: 'viewer@assen.example', password: PASSWORD, client })).toEqual({ ok: false, reason: 'invalid' });
    expect(assenAdmin.municipality).toBe(ASSEN);

    const nijkerk = await person('admin@nijkerk.example', NIJKERK, 'admin', 'Nel Nijkerk');
    const invited = await inviteStaff(s, nijkerk, { email: 'viewer@assen.example', name: 'Victor Viewer', role: 'admin' });
    if (!invited.ok) throw new Error('invite');
    // The old password stays dead; only the code opens the account, in Nijkerk alone, and it must be changed.
    expect(await login(s, { email: 'viewer@assen.example', password: PASSWORD, client })).toEqual({ ok: false, reason: 'invalid' });
    const back = await login(s, { email: 'viewer@assen.example', password: invited.code, client });
    expect(back).toMatchObject({ ok: true, mustChangePassword: true });
    if (!back.ok) return;
    expect((await loadSession(s, back.token))!.memberships).toEqual([{ municipality: NIJKERK, role: 'admin' }]);
    const [assen] = await db.db
      .select()
      .from(staffMemberships)
      .where(and(eq(staffMemberships.staffId, victor.id), eq(staffMemberships.municipality, ASSEN)));
    expect(assen).toBeUndefined();
  });
});
