/**
 * A second factor for staff and their sessions: TOTP against the test vectors of RFC 6238, setting it
 * up and logging in with it against real databases (a code works once, a wrong code counts as a
 * failed login, the ticket between the two steps expires), at most a few sessions per person, and
 * admins who see and end their staff's sessions in their own municipality only.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, rateLimits, staff, staffSessions } from '../../src/server/db/schema.ts';
import { addStaff, resetPassword } from '../../src/server/staff/accounts.ts';
import {
  confirmSecondFactor,
  login,
  loginSecondFactor,
  removeSecondFactor,
  startSecondFactor,
  type LoginOutcome,
} from '../../src/server/staff/auth.ts';
import { endSessionsIn, loadSession, sessionsIn } from '../../src/server/staff/sessions.ts';
import { base32Decode, base32Encode, hotp, totp, TOTP } from '../../src/server/staff/totp.ts';
import { testDatabases } from '../support/db.ts';
import { servicesPerBlock, type Clock, type OpenTestDatabase, type TestServices } from '../support/services.ts';

const PASSWORD = 'een lange zin als wachtwoord';
const client = '203.0.113.30';

describe('TOTP', () => {
  it('gives the codes of RFC 6238 appendix B (SHA-1) and RFC 4226 appendix D', () => {
    const secret = Buffer.from('12345678901234567890');
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) expect(totp(secret, new Date(seconds * 1000), 8), String(seconds)).toBe(code);
    expect([0, 1, 2, 9].map((c) => hotp(secret, c))).toEqual(['755224', '287082', '359152', '520489']);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb oi').toString()).toBe('foobar');
    expect(TOTP).toEqual({ digits: 6, stepSeconds: 30, window: 1 });
  });
});

describe.each(testDatabases)('second factor and sessions on $name', (target) => {
  let db: OpenTestDatabase;
  let s: TestServices;
  let time: Clock;

  servicesPerBlock(target, { empty: [staffSessions, staff, rateLimits, auditLog] }, (f) => ({ db, s, time } = f));

  const create = async (email: string, municipality = 'GM0106', role = 'caseworker') => {
    const r = await addStaff(s, municipality, { email, name: 'Fenna Visser', role, password: PASSWORD });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.staffId;
  };
  const signIn = async (email: string) => {
    const r = await login(s, { email, password: PASSWORD, client });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return (await loadSession(s, r.token))!;
  };
  const ticketOf = (r: LoginOutcome): string => {
    if (r.ok || r.reason !== 'second-factor') throw new Error(`expected the code step, got ${JSON.stringify(r)}`);
    return r.ticket;
  };

  it('sets up an authenticator app, then asks for a code after the password, each code once', async () => {
    const id = await create('fenna@gemeente.example');
    const user = await signIn('fenna@gemeente.example');
    const setup = await startSecondFactor(s, user);
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Rondkomen%3Afenna%40gemeente\.example\?secret=[A-Z2-7]{32}&issuer=Rondkomen/);
    const secret = base32Decode(setup.key);
    expect(await confirmSecondFactor(s, user, '000000')).toBe(false);
    expect(await confirmSecondFactor(s, user, totp(secret, time.now()))).toBe(true);
    // The secret is stored encrypted, never as the key the person typed.
    const [row] = await db.db.select().from(staff).where(eq(staff.id, id));
    expect(row!.totpSecret).not.toContain(base32Encode(secret));
    expect(row!.totpSecret).not.toBeNull();

    time.set(new Date(time.now().getTime() + 60_000));
    const ticket = ticketOf(await login(s, { email: 'fenna@gemeente.example', password: PASSWORD, client }));
    expect(await loginSecondFactor(s, { ticket, code: '123456', client })).toEqual({ ok: false, reason: 'invalid' });
    const code = totp(secret, time.now());
    const r = await loginSecondFactor(s, { ticket, code, client });
    expect(r).toMatchObject({ ok: true });
    // The same code does not work twice, not even with a new ticket.
    const again = ticketOf(await login(s, { email: 'fenna@gemeente.example', password: PASSWORD, client }));
    expect(await loginSecondFactor(s, { ticket: again, code, client })).toEqual({ ok: false, reason: 'invalid' });
    // A ticket expires after five minutes, and a forged one does nothing.
    time.set(new Date(time.now().getTime() + 6 * 60_000));
    expect(await loginSecondFactor(s, { ticket: again, code: totp(secret, time.now()), client })).toEqual({ ok: false, reason: 'invalid' });
    expect(await loginSecondFactor(s, { ticket: `${id}.9999999999.AAAA`, code: totp(secret, time.now()), client })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const actions = (await db.db.select().from(auditLog)).map((a) => a.action);
    expect(actions).toContain('second-factor-on');
    expect(actions.filter((a) => a === 'login-failed').length).toBeGreaterThanOrEqual(2);
  });

  it('locks the account after five wrong codes, like wrong passwords', async () => {
    await create('gijs@gemeente.example');
    const user = await signIn('gijs@gemeente.example');
    const secret = base32Decode((await startSecondFactor(s, user)).key);
    expect(await confirmSecondFactor(s, user, totp(secret, time.now()))).toBe(true);
    time.set(new Date(time.now().getTime() + 60_000));
    const ticket = ticketOf(await login(s, { email: 'gijs@gemeente.example', password: PASSWORD, client }));
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await loginSecondFactor(s, { ticket, code: String(100000 + i), client });
      outcomes.push(r.ok ? 'ok' : r.reason);
    }
    expect(outcomes).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'locked']);
    expect(await loginSecondFactor(s, { ticket, code: totp(secret, time.now()), client })).toEqual({ ok: false, reason: 'locked' });
  });

  it('turns the second factor off only with a code, and a new password from an admin clears it', async () => {
    const id = await create('hanna@gemeente.example');
    const user = await signIn('hanna@gemeente.example');
    const secret = base32Decode((await startSecondFactor(s, user)).key);
    expect(await confirmSecondFactor(s, user, totp(secret, time.now()))).toBe(true);
    time.set(new Date(time.now().getTime() + 60_000));
    expect(await removeSecondFactor(s, user, '000000')).toBe(false);
    expect(await removeSecondFactor(s, user, totp(secret, time.now()))).toBe(true);
    expect(await login(s, { email: 'hanna@gemeente.example', password: PASSWORD, client })).toMatchObject({ ok: true });

    const again = await signIn('hanna@gemeente.example');
    const second = base32Decode((await startSecondFactor(s, again)).key);
    expect(await confirmSecondFactor(s, again, totp(second, time.now()))).toBe(true);
    const reset = await resetPassword(s, { id: null, municipality: 'GM0106' }, id);
    expect(await login(s, { email: 'hanna@gemeente.example', password: reset.password!, client })).toMatchObject({
      ok: true,
      mustChangePassword: true,
    });
  });

  it('keeps at most three sessions per person, and lets admins see and end them in their own municipality only', async () => {
    const id = await create('ivo@werkplein.example', 'GM0106');
    await addStaff(s, 'GM1680', { email: 'ivo@werkplein.example', name: 'Ivo', role: 'viewer' });
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) {
      time.set(new Date(time.now().getTime() + 60_000));
      const r = await login(s, { email: 'ivo@werkplein.example', password: PASSWORD, client });
      if (!r.ok) throw new Error('login');
      tokens.push(r.token);
    }
    expect(await loadSession(s, tokens[0]!)).toBeUndefined();
    for (const t of tokens.slice(1)) expect(await loadSession(s, t)).toBeDefined();
    const ended = (await db.db.select().from(auditLog)).filter((a) => a.action === 'sessions-ended');
    expect(ended.map((a) => a.details)).toEqual([{ ended: 1, reason: 'limit' }]);

    // One session moves to GM1680; GM0106's admin sees and ends only the two in GM0106.
    const moved = (await loadSession(s, tokens[3]!))!;
    await db.db.update(staffSessions).set({ municipality: 'GM1680' }).where(eq(staffSessions.id, moved.sessionId));
    expect(await sessionsIn(s, id, 'GM0106')).toHaveLength(2);
    expect(await endSessionsIn(s, id, 'GM0106')).toBe(2);
    expect(await loadSession(s, tokens[1]!)).toBeUndefined();
    expect(await loadSession(s, tokens[3]!)).toMatchObject({ municipality: 'GM1680' });
  });
});
