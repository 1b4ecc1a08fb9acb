/**
 * Staff SSO with a municipality's OpenID Connect provider (src/server/staff/sso.ts), against a real
 * provider (panva's oidc-provider on 127.0.0.1, test/support/oidc-provider.ts) and real databases
 * (PGlite and PostgreSQL). Assen's provider gives the e-mail address at its userinfo endpoint,
 * Nijkerk's in the ID token. Nothing of OpenID Connect is mocked: discovery, the authorization
 * request with PKCE, state and nonce, the provider's login and consent, the code exchange, the
 * signed ID token and userinfo all run over HTTP.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, rateLimits, staff, staffSessions, staffSsoConfigs, staffSsoLinks } from '../../src/server/db/schema.ts';
import { addStaff, removeStaff } from '../../src/server/staff/accounts.ts';
import { login, loginSecondFactor } from '../../src/server/staff/auth.ts';
import { loadSession, switchMunicipality, type ConsoleUser } from '../../src/server/staff/sessions.ts';
import { finishSso, saveSsoSettings, ssoRedirectUri, ssoSettingsOf, startSso, type SsoSettingsInput } from '../../src/server/staff/sso.ts';
import { newTotpSecret, sealSecret, totp } from '../../src/server/staff/totp.ts';
import { testDatabases } from '../support/db.ts';
import { startProvider, type TestProvider } from '../support/oidc-provider.ts';
import { servicesPerBlock, type OpenTestDatabase, type TestServices } from '../support/services.ts';

const PASSWORD = 'een lange zin als wachtwoord';
const ASSEN = 'GM0106';
const NIJKERK = 'GM0267';
const REDIRECT = 'https://rondkomen.example/beheer/sso/terug';
const client = '203.0.113.7';

describe.each(testDatabases)('staff SSO with OpenID Connect on $name', (target) => {
  let db: OpenTestDatabase;
  let s: TestServices;
  let assenIdp: TestProvider;
  let nijkerkIdp: TestProvider;

  beforeAll(async () => {
    assenIdp = await startProvider([{ client_id: 'rondkomen-assen', client_secret: 'assen-geheim-0123456789', redirect_uris: [REDIRECT] }]);
    nijkerkIdp = await startProvider(
      [{ client_id: 'rondkomen-nijkerk', client_secret: 'nijkerk-geheim-0123456789', redirect_uris: [REDIRECT] }],
      { idTokenClaims: true },
    );
  });
  afterAll(async () => {
    await assenIdp?.stop();
    await nijkerkIdp?.stop();
  });

  servicesPerBlock(target, { empty: [staffSsoLinks, staffSsoConfigs, staffSessions, staff, rateLimits, auditLog] }, (f) => ({ db, s } = f));

  const member = async (email: string, municipality: string, role = 'caseworker'): Promise<string> => {
    const r = await addStaff(s, municipality, { email, name: email.split('@')[0]!, role, password: PASSWORD });
    if (!r.ok) throw new Error(JSON.stringify(r));
    await db.db.update(staff).set({ mustChangePassword: false }).where(eq(staff.id, r.staffId));
    return r.staffId;
  };

  /** A signed-in admin of `municipality`, by password. */
  const admin = async (municipality: string): Promise<ConsoleUser> => {
    const email = `beheer@${municipality.toLowerCase()}.example`;
    await member(email, municipality, 'admin');
    const r = await login(s, { email, password: PASSWORD, client });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return (await loadSession(s, r.token))!;
  };

  const settings = (idp: TestProvider, municipality: string, more: Partial<SsoSettingsInput> = {}): SsoSettingsInput => ({
    label: municipality === ASSEN ? 'Gemeente Assen' : 'Gemeente Nijkerk',
    issuer: idp.issuer,
    clientId: municipality === ASSEN ? 'rondkomen-assen' : 'rondkomen-nijkerk',
    clientSecret: municipality === ASSEN ? 'assen-geheim-0123456789' : 'nijkerk-geheim-0123456789',
    enabled: true,
    passwordLogin: true,
    providerEnforcesMfa: false,
    ...more,
  });

  const configure = async (municipality: string, more: Partial<SsoSettingsInput> = {}): Promise<ConsoleUser> => {
    const a = await admin(municipality);
    const r = await saveSsoSettings(s, a, settings(municipality === ASSEN ? assenIdp : nijkerkIdp, municipality, more));
    expect(r).toEqual({ ok: true });
    return a;
  };

  /** The browser's part: start, log in at the provider as `accountId`, come back with the flow's cookie. */
  const ssoLogin = async (municipality: string, accountId: string, options: { amr?: string[]; cookieOf?: string; nonce?: string } = {}) => {
    const idp = municipality === ASSEN ? assenIdp : nijkerkIdp;
    const started = (await startSso(s, municipality, '/beheer/werklijst'))!;
    expect(started).toBeDefined();
    const url = new URL(started.location);
    if (options.nonce) url.searchParams.set('nonce', options.nonce);
    idp.next(accountId, options.amr);
    const search = await idp.authorize(url.href, ssoRedirectUri(s));
    const cookie = options.cookieOf ?? started.cookie.split(';')[0]!;
    return finishSso(s, { search, cookie, client });
  };

  const audits = async (action: string) => (await db.db.select().from(auditLog)).filter((a) => a.action === action);

  it('sends the browser to the provider with PKCE (S256), state and nonce, in an encrypted, short-lived Lax cookie', async () => {
    await configure(ASSEN);
    const started = (await startSso(s, ASSEN, '/beheer'))!;
    const url = new URL(started.location);
    expect(`${url.origin}${url.pathname}`).toBe(`${assenIdp.issuer}/auth`);
    expect(url.searchParams.get('client_id')).toBe('rondkomen-assen');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('openid email');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started.cookie).toMatch(
      /^rondkomen-sso=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/,
    );
    // The cookie holds neither the state nor the verifier in the clear.
    expect(started.cookie).not.toContain(url.searchParams.get('state'));
    // A municipality without SSO (or with it off) has no start.
    expect(await startSso(s, NIJKERK, '/beheer')).toBeUndefined();
  });

  it('links an account on its first login by the verified e-mail address, then by the link; the session stays in that municipality', async () => {
    await configure(ASSEN);
    const anna = await member('anna@assen.example', ASSEN);
    // Anna also works for Nijkerk: a login through Assen's provider does not reach Nijkerk.
    await addStaff(s, NIJKERK, { email: 'anna@assen.example', name: 'anna', role: 'admin', password: PASSWORD });
    assenIdp.accounts.set('sub-anna', { email: 'Anna@Assen.example', email_verified: true });
    const first = await ssoLogin(ASSEN, 'sub-anna');
    expect(first.back).toBe('/beheer/werklijst');
    expect(first.outcome.ok).toBe(true);
    if (!first.outcome.ok) return;
    const user = (await loadSession(s, first.outcome.token))!;
    expect(user).toMatchObject({ id: anna, municipality: ASSEN, ssoMunicipality: ASSEN, secondFactor: false, mustChangePassword: false });
    expect(user.memberships.map((m) => m.municipality)).toEqual([ASSEN]);
    expect(await switchMunicipality(s, user, NIJKERK)).toBe(false);
    const [link] = await db.db.select().from(staffSsoLinks);
    expect(link).toMatchObject({ municipality: ASSEN, issuer: assenIdp.issuer, subject: 'sub-anna', staffId: anna });
    expect((await audits('sso-linked')).map((a) => [a.municipality, a.staffId])).toEqual([[ASSEN, anna]]);
    const logged = (await audits('login')).filter((x) => x.staffId === anna);
    expect(logged.map((x) => [x.municipality, x.details])).toEqual([[ASSEN, { method: 'sso' }]]);

    // Afterwards the link decides: the provider may change the address, or stop vouching for it.
    assenIdp.accounts.set('sub-anna', { email: 'a.de.boer@assen.example', email_verified: false });
    const again = await ssoLogin(ASSEN, 'sub-anna');
    expect(again.outcome.ok).toBe(true);
    expect(await db.db.select().from(staffSsoLinks)).toHaveLength(1);
  });

  it('reads the e-mail claims from the ID token when the provider puts them there (Nijkerk)', async () => {
    await configure(NIJKERK);
    const bert = await member('bert@nijkerk.example', NIJKERK);
    nijkerkIdp.accounts.set('sub-bert', { email: 'bert@nijkerk.example', email_verified: true });
    const r = await ssoLogin(NIJKERK, 'sub-bert');
    expect(r.outcome.ok).toBe(true);
    if (r.outcome.ok) expect((await loadSession(s, r.outcome.token))!).toMatchObject({ id: bert, municipality: NIJKERK });
  });

  it('refuses an answer for another flow (state) and an ID token for another request (nonce), and logs both', async () => {
    await configure(ASSEN);
    await member('anna@assen.example', ASSEN);
    assenIdp.accounts.set('sub-anna', { email: 'anna@assen.example', email_verified: true });
    const other = (await startSso(s, ASSEN, '/beheer'))!.cookie.split(';')[0]!;
    const wrongState = await ssoLogin(ASSEN, 'sub-anna', { cookieOf: other });
    expect(wrongState.outcome).toEqual({ ok: false, reason: 'sso-failed' });
    const wrongNonce = await ssoLogin(ASSEN, 'sub-anna', { nonce: 'een-andere-nonce-die-niet-klopt' });
    expect(wrongNonce.outcome).toEqual({ ok: false, reason: 'sso-failed' });
    const refused = await audits('sso-login-failed');
    expect(refused.map((a) => [a.municipality, (a.details as { reason: string }).reason])).toEqual([
      [ASSEN, 'response-invalid'],
      [ASSEN, 'response-invalid'],
    ]);
    expect(await db.db.select().from(staffSessions)).toHaveLength(1); // the admin's own
    expect(await db.db.select().from(staffSsoLinks)).toHaveLength(0);
    // Without the flow's cookie there is nothing to finish.
    const none = await finishSso(s, { search: '?code=x&state=y', cookie: null, client });
    expect(none.outcome).toEqual({ ok: false, reason: 'sso-failed' });
  });

  it('refuses, with the same answer, an unknown address, an unverified one and a member of another municipality', async () => {
    await configure(ASSEN);
    const nina = await member('nina@nijkerk.example', NIJKERK);
    await member('anna@assen.example', ASSEN);
    assenIdp.accounts.set('sub-stranger', { email: 'niemand@assen.example', email_verified: true });
    assenIdp.accounts.set('sub-unverified', { email: 'anna@assen.example', email_verified: false });
    assenIdp.accounts.set('sub-no-mail', {});
    assenIdp.accounts.set('sub-nina', { email: 'nina@nijkerk.example', email_verified: true });
    const answers = [
      await ssoLogin(ASSEN, 'sub-stranger'),
      await ssoLogin(ASSEN, 'sub-unverified'),
      await ssoLogin(ASSEN, 'sub-no-mail'),
      await ssoLogin(ASSEN, 'sub-nina'),
    ];
    expect(new Set(answers.map((a) => JSON.stringify(a.outcome)))).toEqual(new Set([JSON.stringify({ ok: false, reason: 'sso-refused' })]));
    const refused = await audits('sso-login-failed');
    expect(refused.map((a) => [a.municipality, (a.details as { reason: string }).reason, a.staffId])).toEqual([
      [ASSEN, 'no-account', null],
      [ASSEN, 'email-unverified', null],
      [ASSEN, 'email-unverified', null],
      // Nina's account is not named in Assen's log.
      [ASSEN, 'not-member', null],
    ]);
    expect(JSON.stringify(refused)).not.toContain('@');
    expect(await db.db.select().from(staffSsoLinks)).toHaveLength(0);
    expect((await db.db.select().from(staffSessions)).filter((x) => x.staffId === nina)).toHaveLength(0);
  });

  it("never lets a Nijkerk identity into Assen, even one linked in Nijkerk to an account that is also Assen's", async () => {
    await configure(NIJKERK);
    await configure(ASSEN);
    const piet = await member('piet@nijkerk.example', NIJKERK);
    nijkerkIdp.accounts.set('sub-piet', { email: 'piet@nijkerk.example', email_verified: true });
    const r = await ssoLogin(NIJKERK, 'sub-piet');
    expect(r.outcome.ok).toBe(true);
    // Piet is later added to Assen; his Nijkerk session still reaches only Nijkerk.
    await addStaff(s, ASSEN, { email: 'piet@nijkerk.example', name: 'piet', role: 'caseworker', password: PASSWORD });
    if (r.outcome.ok) {
      const user = (await loadSession(s, r.outcome.token))!;
      expect(user.memberships.map((m) => m.municipality)).toEqual([NIJKERK]);
      expect(await switchMunicipality(s, user, ASSEN)).toBe(false);
    }
    // The same subject at Assen's provider, without a verified address: the Nijkerk link does not count there.
    assenIdp.accounts.set('sub-piet', { email: 'piet@nijkerk.example', email_verified: false });
    const viaAssen = await ssoLogin(ASSEN, 'sub-piet');
    expect(viaAssen.outcome).toEqual({ ok: false, reason: 'sso-refused' });
    expect((await db.db.select().from(staffSsoLinks)).map((l) => [l.municipality, l.staffId])).toEqual([[NIJKERK, piet]]);
  });

  it('forgets the link when the municipality removes the person, so coming back takes a verified address again', async () => {
    await configure(ASSEN);
    const anna = await member('anna@assen.example', ASSEN);
    await addStaff(s, NIJKERK, { email: 'anna@assen.example', name: 'anna', role: 'viewer', password: PASSWORD });
    assenIdp.accounts.set('sub-anna', { email: 'anna@assen.example', email_verified: true });
    const linked = await ssoLogin(ASSEN, 'sub-anna');
    expect(linked.outcome.ok).toBe(true);
    expect(await removeStaff(db.db, ASSEN, anna)).toBe('ok');
    expect(await db.db.select().from(staffSsoLinks)).toHaveLength(0);
    if (linked.outcome.ok) expect(await loadSession(s, linked.outcome.token)).toBeUndefined();
    expect((await ssoLogin(ASSEN, 'sub-anna')).outcome).toEqual({ ok: false, reason: 'sso-refused' });
    expect((await addStaff(s, ASSEN, { email: 'anna@assen.example', name: 'anna', role: 'viewer' })).ok).toBe(true);
    assenIdp.accounts.set('sub-anna', { email: 'anna@assen.example', email_verified: false });
    expect((await ssoLogin(ASSEN, 'sub-anna')).outcome).toEqual({ ok: false, reason: 'sso-refused' });
  });

  it('turns password login off for a municipality: its staff must use SSO, staff of two municipalities keep the other', async () => {
    const a = await configure(ASSEN);
    const only = await member('anna@assen.example', ASSEN);
    const both = await member('bert@assen.example', ASSEN);
    await addStaff(s, NIJKERK, { email: 'bert@assen.example', name: 'bert', role: 'viewer', password: PASSWORD });
    const before = await login(s, { email: 'anna@assen.example', password: PASSWORD, client });
    expect(before.ok).toBe(true);

    expect(await saveSsoSettings(s, a, settings(assenIdp, ASSEN, { passwordLogin: false, clientSecret: '' }))).toEqual({ ok: true });
    // The admin's own password session and Anna's end at their next request.
    expect(await loadSession(s, (before as { token: string }).token)).toBeUndefined();
    expect(await login(s, { email: 'anna@assen.example', password: PASSWORD, client })).toEqual({ ok: false, reason: 'sso-required' });
    // A wrong password still says only "invalid".
    expect(await login(s, { email: 'anna@assen.example', password: 'fout fout fout fout', client })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const bert = await login(s, { email: 'bert@assen.example', password: PASSWORD, client });
    expect(bert.ok).toBe(true);
    if (bert.ok) {
      const user = (await loadSession(s, bert.token))!;
      expect(user.municipality).toBe(NIJKERK);
      expect(user.memberships.map((m) => m.municipality)).toEqual([NIJKERK]);
      expect(await switchMunicipality(s, user, ASSEN)).toBe(false);
    }
    const failed = (await audits('login-failed')).filter((x) => x.staffId === only);
    expect(failed.map((x) => x.details)).toEqual([{ reason: 'sso-required' }, null]);
    // SSO still works for Assen.
    assenIdp.accounts.set('sub-anna', { email: 'anna@assen.example', email_verified: true });
    expect((await ssoLogin(ASSEN, 'sub-anna')).outcome.ok).toBe(true);
    expect(both).not.toBe(only);
  });

  it("asks for the account's TOTP code unless the provider vouches for a second factor (amr mfa, or the admin's statement)", async () => {
    const a = await configure(ASSEN);
    const anna = await member('anna@assen.example', ASSEN);
    const secret = newTotpSecret();
    await db.db
      .update(staff)
      .set({ totpSecret: sealSecret(s.secret, secret) })
      .where(eq(staff.id, anna));
    assenIdp.accounts.set('sub-anna', { email: 'anna@assen.example', email_verified: true });

    const plain = await ssoLogin(ASSEN, 'sub-anna');
    expect(plain.outcome).toMatchObject({ ok: false, reason: 'second-factor' });
    if (plain.outcome.ok || plain.outcome.reason !== 'second-factor') return;
    expect(plain.outcome.ticket.split('.')[2]).toBe(ASSEN);
    expect(await loginSecondFactor(s, { ticket: plain.outcome.ticket, code: '000000', client })).toMatchObject({ ok: false });
    const done = await loginSecondFactor(s, { ticket: plain.outcome.ticket, code: totp(secret, s.now()), client });
    expect(done.ok).toBe(true);
    if (done.ok) expect((await loadSession(s, done.token))!).toMatchObject({ ssoMunicipality: ASSEN, secondFactor: true });

    const mfa = await ssoLogin(ASSEN, 'sub-anna', { amr: ['pwd', 'mfa'] });
    expect(mfa.outcome).toMatchObject({ ok: true });
    await saveSsoSettings(s, a, settings(assenIdp, ASSEN, { providerEnforcesMfa: true, clientSecret: '' }));
    const stated = await ssoLogin(ASSEN, 'sub-anna', { amr: ['pwd'] });
    expect(stated.outcome.ok).toBe(true);
    const logins = (await audits('login')).filter((x) => x.staffId === anna).map((x) => x.details);
    expect(logins).toEqual([
      { method: 'sso', secondFactor: 'totp' },
      { method: 'sso', secondFactor: 'provider' },
      { method: 'sso', secondFactor: 'provider' },
    ]);
  });

  it('keeps the client secret sealed and never shows it; an empty field keeps it, a new one replaces it; every change is audited', async () => {
    const a = await admin(ASSEN);
    const bad = await saveSsoSettings(s, a, settings(assenIdp, ASSEN, { issuer: 'http://idp.assen.example', clientSecret: '' }));
    expect(bad).toEqual({
      ok: false,
      errors: [
        { field: 'issuer', problem: 'invalid' },
        { field: 'clientSecret', problem: 'missing' },
      ],
    });
    expect(await saveSsoSettings(s, a, settings(assenIdp, ASSEN, { enabled: false, passwordLogin: false }))).toEqual({
      ok: false,
      errors: [{ field: 'passwordLogin', problem: 'needs-sso' }],
    });
    expect(await saveSsoSettings(s, a, settings(assenIdp, ASSEN, { issuer: 'http://127.0.0.1:9/' }))).toEqual({
      ok: false,
      errors: [{ field: 'issuer', problem: 'unreachable' }],
    });
    expect(await saveSsoSettings(s, a, settings(assenIdp, ASSEN))).toEqual({ ok: true });
    const [row] = await db.db.select().from(staffSsoConfigs);
    expect(row!.clientSecretSealed).not.toContain('assen-geheim');
    expect(JSON.stringify(await ssoSettingsOf(s, ASSEN))).not.toMatch(/geheim|secret/i);
    // Keep: an empty field.
    expect(await saveSsoSettings(s, a, settings(assenIdp, ASSEN, { clientSecret: '', label: 'Assen-account' }))).toEqual({ ok: true });
    const [kept] = await db.db.select().from(staffSsoConfigs);
    expect(kept!.clientSecretSealed).toBe(row!.clientSecretSealed);
    await member('anna@assen.example', ASSEN);
    assenIdp.accounts.set('sub-anna', { email: 'anna@assen.example', email_verified: true });
    expect((await ssoLogin(ASSEN, 'sub-anna')).outcome.ok).toBe(true);
    // Replace with a wrong one: the provider refuses the code exchange.
    expect(await saveSsoSettings(s, a, settings(assenIdp, ASSEN, { clientSecret: 'een-ander-geheim' }))).toEqual({ ok: true });
    expect((await ssoLogin(ASSEN, 'sub-anna')).outcome).toEqual({ ok: false, reason: 'sso-failed' });
    const changes = await audits('sso-settings-changed');
    expect(changes.map((c) => [c.municipality, c.staffId, (c.details as { secretReplaced: boolean }).secretReplaced])).toEqual([
      [ASSEN, a.id, true],
      [ASSEN, a.id, false],
      [ASSEN, a.id, true],
    ]);
    expect(JSON.stringify(await db.db.select().from(auditLog))).not.toContain('geheim');
    // Only an admin may change them.
    expect((await saveSsoSettings(s, { ...a, role: 'caseworker' }, settings(assenIdp, ASSEN))).ok).toBe(false);
  });
});
