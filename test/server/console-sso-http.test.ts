/**
 * Staff SSO over HTTP, against the built server on PostgreSQL and a real OpenID Provider on
 * 127.0.0.1 (test/support/oidc-provider.ts): an admin sets it up with the console's form, a member
 * of staff follows the "Inloggen met …" link with a plain browser (no JavaScript), comes back with a
 * session, and a stranger is refused; with password login off the password form refuses too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAudit } from '../../src/server/audit/log.ts';
import { addStaff } from '../../src/server/staff/accounts.ts';
import { startProvider, type TestProvider } from '../support/oidc-provider.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { servicesOnNewPostgres, type TestServices } from '../support/services.ts';

const PASSWORD = 'een lange zin als wachtwoord';
const ASSEN = 'GM0106';
const SECRET = 'assen-client-geheim-0123456789';

describe('staff SSO over HTTP on PostgreSQL', () => {
  let server: RunningServer;
  let idp: TestProvider;
  let s: TestServices;
  let drop: () => Promise<void>;
  let annaId: string;

  beforeAll(async () => {
    const created = await servicesOnNewPostgres();
    ({ s, drop } = created);
    for (const [email, role] of [
      ['beheer@assen.example', 'admin'],
      ['anna@assen.example', 'caseworker'],
    ] as const) {
      const r = await addStaff(s, ASSEN, { email, name: email.split('@')[0]!, role, password: PASSWORD });
      if (!r.ok) throw new Error(JSON.stringify(r));
      if (email.startsWith('anna')) annaId = r.staffId;
    }
    await addStaff(s, 'GM0267', { email: 'nina@nijkerk.example', name: 'nina', role: 'admin', password: PASSWORD });
    server = await startServer({ DATABASE_URL: created.url });
    idp = await startProvider([{ client_id: 'rondkomen-assen', client_secret: SECRET, redirect_uris: [`${server.url}/beheer/sso/terug`] }]);
    idp.accounts.set('sub-anna', { email: 'anna@assen.example', email_verified: true });
    idp.accounts.set('sub-stranger', { email: 'niemand@assen.example', email_verified: true });
    idp.accounts.set('sub-nina', { email: 'nina@nijkerk.example', email_verified: true });
  }, 180_000);

  afterAll(async () => {
    await idp?.stop();
    await server?.stop();
    await drop?.();
  });

  const get = (path: string, cookie = '') => fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const post = (path: string, fields: Record<string, string>, cookie = '') =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(fields).toString(),
    });
  const cookieOf = (r: Response, name: string): string => {
    const c = r.headers.getSetCookie().find((x) => x.startsWith(`${name}=`));
    if (!c) throw new Error(`no ${name} cookie`);
    return c.split(';')[0]!;
  };

  /** The whole browser round: the login page's link, the provider, and back. */
  const viaProvider = async (accountId: string): Promise<Response> => {
    const page = await (await get('/beheer/inloggen')).text();
    const href = /href="(\/beheer\/sso\/start\?gemeente=GM0106)"/.exec(page)?.[1];
    expect(href, 'the login page links to the provider').toBeDefined();
    const start = await get(href!);
    expect(start.status).toBe(303);
    const flow = cookieOf(start, 'rondkomen-sso');
    idp.next(accountId);
    const search = await idp.authorize(start.headers.get('location')!, `${server.url}/beheer/sso/terug`);
    return get(`/beheer/sso/terug${search}`, flow);
  };

  let admin: { cookie: string; csrf: string };

  it('lets an admin set it up with the console form, shows the redirect URI and never the secret', async () => {
    const login = await post('/beheer/inloggen', { email: 'beheer@assen.example', password: PASSWORD });
    expect(login.status).toBe(303);
    const cookie = cookieOf(login, 'rondkomen-beheer');
    const form = await (await get('/beheer/sso', cookie)).text();
    expect(form).toContain(`${server.url}/beheer/sso/terug`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
    admin = { cookie, csrf };
    const fields = {
      _csrf: csrf,
      label: 'Gemeente Assen',
      issuer: idp.issuer,
      clientId: 'rondkomen-assen',
      clientSecret: SECRET,
      enabled: 'yes',
      passwordLogin: 'yes',
    };
    const saved = await post('/beheer/sso', fields, cookie);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/beheer/sso?klaar=sso-saved');
    const shown = await (await get('/beheer/sso?klaar=sso-saved', cookie)).text();
    expect(shown).toContain('zijn opgeslagen');
    expect(shown).toContain('Er is een geheim bewaard');
    expect(shown).not.toContain(SECRET);
    const changes = (await queryAudit(s.database.db, ASSEN, { action: 'sso-settings-changed' }, { offset: 0, limit: 10 })).rows;
    expect(changes).toHaveLength(1);
    expect(JSON.stringify(changes)).not.toContain(SECRET);
  });

  it('signs a member of staff in through the provider, into a working session', async () => {
    const back = await viaProvider('sub-anna');
    // A page of its own, not a redirect: the browser sends the Strict session cookie on the next, same-site, request.
    expect(back.status).toBe(200);
    const page = await back.text();
    expect(page).toContain('<meta http-equiv="refresh" content="0;url=/beheer">');
    expect(page).toContain('href="/beheer" id="continue"');
    const session = cookieOf(back, 'rondkomen-beheer');
    expect(back.headers.getSetCookie().some((c) => c.startsWith('rondkomen-sso=;') && c.includes('Max-Age=0'))).toBe(true);
    const worklist = await get('/beheer/werklijst', session);
    expect(worklist.status).toBe(200);
    expect(await (await get('/beheer/account', session)).text()).toContain('Je bent ingelogd via de inlogdienst van je gemeente.');
    const logins = (await queryAudit(s.database.db, ASSEN, { action: 'login' }, { offset: 0, limit: 10 })).rows;
    expect(logins.find((l) => l.staffId === annaId)?.details).toEqual({ method: 'sso' });
  });

  it('refuses a stranger and a member of another municipality with the same page, and logs both', async () => {
    const stranger = await viaProvider('sub-stranger');
    const nina = await viaProvider('sub-nina');
    expect([stranger.status, nina.status]).toEqual([401, 401]);
    const text = (html: string) => /<div class="utrecht-alert__content">([\s\S]*?)<\/div>/.exec(html)?.[1];
    const [a, b] = [text(await stranger.text()), text(await nina.text())];
    expect(a).toContain('Met dit account van Gemeente Assen kun je hier niet inloggen.');
    expect(b).toBe(a);
    expect(stranger.headers.getSetCookie().some((c) => c.startsWith('rondkomen-beheer='))).toBe(false);
    const refused = (await queryAudit(s.database.db, ASSEN, { action: 'sso-login-failed' }, { offset: 0, limit: 10 })).rows;
    expect(refused.map((r) => (r.details as { reason: string }).reason).sort()).toEqual(['no-account', 'not-member']);
  });

  it('refuses the password form once the admin turns password login off', async () => {
    const saved = await post(
      '/beheer/sso',
      { _csrf: admin.csrf, label: 'Gemeente Assen', issuer: idp.issuer, clientId: 'rondkomen-assen', clientSecret: '', enabled: 'yes' },
      admin.cookie,
    );
    expect(saved.status).toBe(303);
    // The admin's own password session no longer reaches Assen.
    expect((await get('/beheer/sso', admin.cookie)).status).toBe(303);
    const refused = await post('/beheer/inloggen', { email: 'anna@assen.example', password: PASSWORD });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('Je gemeente laat inloggen met een wachtwoord niet meer toe.');
    expect((await viaProvider('sub-anna')).status).toBe(200);
  });
});
