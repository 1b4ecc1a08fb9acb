/**
 * The console's end-to-end tests run against their own server (the built site) with its own
 * PostgreSQL database, workers in the web process and a real SMTP server on 127.0.0.1, so campaign
 * mails can be read. Residents and staff are seeded through the real code (consent request and
 * confirmation, staff accounts), from the test process, on the same database.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { confirmConsent, withdrawConsent } from '../../../src/server/consent/confirm.ts';
import { requestConsent } from '../../../src/server/consent/request.ts';
import { token } from '../../../src/server/security/secrets.ts';
import { CONSENT_TEXT_VERSION, type ConsentRequest } from '../../../src/contract/consent.ts';
import { openDatabase } from '../../../src/server/db/client.ts';
import { consents, type StaffRole } from '../../../src/server/db/schema.ts';
import type { Services } from '../../../src/server/services.ts';
import { addStaff } from '../../../src/server/staff/accounts.ts';
import { createSession, loadSession, type ConsoleUser } from '../../../src/server/staff/sessions.ts';
import { syncCases } from '../../../src/server/worklist/cases.ts';
import { createPostgresDatabase } from '../../support/db.ts';
import { startServer, type RunningServer } from '../../support/server.ts';
import { testServices } from '../../support/services.ts';
import { startSmtp, type TestSmtp } from '../../support/smtp.ts';

export const PASSWORD = 'een lange zin als wachtwoord';

export interface Console {
  base: string;
  server: RunningServer;
  smtp: TestSmtp;
  /** Services on the server's database, for seeding and for looking at what the server did. */
  s: Services;
  stop: () => Promise<void>;
}

export async function startConsole(env: Record<string, string> = {}): Promise<Console> {
  const database = await createPostgresDatabase();
  const smtp = await startSmtp();
  const server = await startServer({
    DATABASE_URL: database.url,
    INLINE_WORKERS: 'true',
    SMTP_URL: smtp.url,
    QUEUE_POLLING_SECONDS: '0.5',
    CAMPAIGN_INTERVAL_SECONDS: '1',
    ...env,
  });
  const db = await openDatabase({ url: database.url });
  const s = await testServices(db, { env: { PUBLIC_URL: server.url } });
  s.now = () => new Date();
  return {
    base: server.url,
    server,
    smtp,
    s,
    stop: async () => {
      await s.stop();
      await db.close();
      await server.stop();
      await smtp.close();
      await database.drop();
    },
  };
}

let counter = 0;

export interface Resident {
  requestId: string;
  consentId: string;
  email: string;
}

/** A resident who asked to be contacted and confirmed it, through the real consent code. */
export async function seedResident(s: Services, overrides: Partial<ConsentRequest> = {}): Promise<Resident> {
  const n = ++counter;
  const email = overrides.email ?? `inwoner${n}.${Date.now().toString(36)}@example.org`;
  const r = await requestConsent(
    s,
    {
      email,
      purposes: ['contact'],
      schemeIds: ['kwijtschelding', 'individuele-inkomenstoeslag'],
      municipality: 'GM0106',
      language: 'nl',
      shareHousehold: false,
      consentTextVersion: CONSENT_TEXT_VERSION,
      source: 'resident',
      ...overrides,
    },
    { ip: `e2e-${process.pid}-${n}` },
  );
  if (!r.ok) throw new Error(`consent request refused: ${JSON.stringify(r)}`);
  await confirmConsent(s, token(s.secret, 'confirm', r.requestId));
  await syncCases(s);
  const [row] = await s.database.db
    .select()
    .from(consents)
    .where(and(eq(consents.requestId, r.requestId), eq(consents.purpose, 'contact')));
  return { requestId: r.requestId, consentId: row!.id, email };
}

export async function withdraw(s: Services, r: Resident): Promise<void> {
  await withdrawConsent(s, token(s.secret, 'withdraw', r.requestId));
}

export const household = (municipality = 'GM0106'): Record<string, unknown> => ({
  municipality,
  people: [
    { id: 'ank', role: 'applicant', age: 38 },
    { id: 'c1', role: 'child', age: 8 },
    { id: 'c2', role: 'child', age: 14 },
  ],
  incomes: [
    { person: 'ank', type: 'wages', amount: 900, period: 'month', basis: 'net' },
    { person: 'ank', type: 'bijstand', amount: 420, period: 'month', basis: 'net' },
  ],
  housing: { type: 'rent', rent: 650 },
});

export interface Staff {
  email: string;
  name: string;
  id: string;
}

export async function seedStaff(s: Services, municipality: string, role: StaffRole, name?: string): Promise<Staff> {
  const n = ++counter;
  const email = `${role}${n}.${municipality.toLowerCase()}@gemeente.example`;
  const r = await addStaff(s, municipality, {
    email,
    name: name ?? `${role === 'admin' ? 'Beheerder' : role === 'caseworker' ? 'Consulent' : 'Meekijker'} ${n}`,
    role,
    password: PASSWORD,
  });
  if (!r.ok) throw new Error(`staff refused: ${JSON.stringify(r)}`);
  return {
    email,
    name: name ?? `${role === 'admin' ? 'Beheerder' : role === 'caseworker' ? 'Consulent' : 'Meekijker'} ${n}`,
    id: r.staffId,
  };
}

/** A signed-in person for calling server functions that take one (seeding imports and campaigns). */
export async function asUser(s: Services, staff: Staff, municipality: string): Promise<ConsoleUser> {
  const session = await createSession(s, staff.id, municipality);
  return (await loadSession(s, session.token))!;
}

export async function login(page: Page, base: string, who: { email: string }, password = PASSWORD): Promise<void> {
  await page.goto(`${base}/beheer/inloggen`);
  await page.getByLabel(c('login.email')).fill(who.email);
  await page.getByLabel(c('login.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: c('login.submit') }).click();
  await expect(page).not.toHaveURL(/inloggen/);
}

type Tree = { [key: string]: string | Tree };
const catalogue = JSON.parse(readFileSync(new URL('../../../src/i18n/locales/nl/console.json', import.meta.url), 'utf8')) as Tree;

/** A console string in Dutch with `{{name}}` filled in; plural keys take `count`. Throws when missing. */
export function c(key: string, params: Record<string, string | number> = {}): string {
  const find = (k: string): string | undefined => {
    let node: string | Tree | undefined = catalogue;
    for (const part of k.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string' ? node : undefined;
  };
  const text = find(key) ?? (params.count !== undefined ? find(`${key}_${params.count === 1 ? 'one' : 'other'}`) : undefined);
  if (text === undefined) throw new Error(`missing console string ${key}`);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, n: string) => String(params[n] ?? `{{${n}}}`));
}

/** The CSRF token of the page's session (every console form carries it). */
export async function csrfOf(page: Page): Promise<string> {
  return (await page.locator('input[name=_csrf]').first().getAttribute('value'))!;
}

/** Waits until `probe` is true, reloading the page between tries. */
export async function until(page: Page, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await page.waitForTimeout(500);
    await page.reload();
  }
}
