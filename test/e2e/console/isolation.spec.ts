/**
 * Tenant isolation and roles in Chromium, through pages, direct URLs and API calls: staff of Assen
 * cannot see, change or download anything of Nijkerk, even with ids in hand and a valid session and
 * CSRF token; a viewer changes nothing; only admins manage staff and read the audit log.
 */
import { expect, test } from '@playwright/test';
import { auditActionKey } from '../../../src/server/audit/log.ts';
import { eq } from 'drizzle-orm';
import { createCampaign } from '../../../src/server/campaigns/campaigns.ts';
import { cases } from '../../../src/server/db/schema.ts';
import { createImport, getImport } from '../../../src/server/screening/imports.ts';
import { caseNumber } from '../../../src/server/worklist/reference.ts';
import { asUser, c, csrfOf, login, seedResident, seedStaff, startConsole, type Console, type Resident, type Staff } from './support.ts';

test.describe.configure({ mode: 'serial' });

let con: Console;
let assen: { caseworker: Staff; viewer: Staff; admin: Staff; resident: Resident };
let nijkerk: { admin: Staff; resident: Resident; importId: string; campaignId: string };

test.beforeAll(async () => {
  con = await startConsole();
  assen = {
    caseworker: await seedStaff(con.s, 'GM0106', 'caseworker'),
    viewer: await seedStaff(con.s, 'GM0106', 'viewer'),
    admin: await seedStaff(con.s, 'GM0106', 'admin'),
    resident: await seedResident(con.s, { municipality: 'GM0106' }),
  };
  const admin = await seedStaff(con.s, 'GM0267', 'admin');
  const user = await asUser(con.s, admin, 'GM0267');
  const resident = await seedResident(con.s, { municipality: 'GM0267', schemeIds: ['kwijtschelding'], email: 'nijkerker@example.org' });
  const imported = await createImport(con.s, user, {
    fileName: 'nijkerk.csv',
    bytes: new TextEncoder().encode('id;name;applicant_age;applicant_income;rent\nN-1;Mevrouw Nijkerk;40;900;600\n'),
    legalBasis: 'wgs-vroegsignalering',
    legalReference: 'NK-2026-1',
    referenceDate: '2026-03-02',
  });
  if (!imported.ok) throw new Error('import');
  // The server's queue worker screens it.
  const deadline = Date.now() + 30_000;
  while ((await getImport(con.s, user, imported.id))?.status !== 'done') {
    if (Date.now() > deadline) throw new Error('screening did not finish');
    await new Promise((r) => setTimeout(r, 250));
  }
  const campaignId = await createCampaign(con.s, user, {
    name: 'Nijkerk campagne',
    segment: { kind: 'schemes', schemeIds: ['kwijtschelding'] },
    templates: { nl: { subject: 'Hallo', body: '{{link}}' } },
  });
  nijkerk = { admin, resident, importId: imported.id, campaignId };
});
test.afterAll(async () => {
  await con?.stop();
});

test('staff of one municipality cannot reach another municipality’s data, by page, URL or API call', async ({ page }) => {
  await login(page, con.base, assen.caseworker);
  // Lists show only their own.
  await page.goto(`${con.base}/beheer/werklijst?status=all`);
  await expect(page.getByRole('link', { name: c('worklist.caseLink', { number: caseNumber(assen.resident.consentId) }) })).toBeVisible();
  await expect(page.getByRole('link', { name: c('worklist.caseLink', { number: caseNumber(nijkerk.resident.consentId) }) })).toHaveCount(0);
  await page.goto(`${con.base}/beheer/campagnes`);
  await expect(page.getByText('Nijkerk campagne')).toHaveCount(0);
  await page.goto(`${con.base}/beheer/screening`);
  await expect(page.getByText('nijkerk.csv')).toHaveCount(0);

  // Direct URLs: not found, with nothing of the other municipality on the page.
  for (const path of [
    `/beheer/werklijst/${nijkerk.resident.consentId}`,
    `/beheer/werklijst/${nijkerk.resident.consentId}/wissen`,
    `/beheer/campagnes/${nijkerk.campaignId}`,
    `/beheer/campagnes/${nijkerk.campaignId}/voorbeeld?taal=nl`,
    `/beheer/screening/${nijkerk.importId}`,
  ]) {
    const response = await page.goto(`${con.base}${path}`);
    expect(response?.status(), path).toBe(404);
    await expect(page.locator('main')).not.toContainText('nijkerker@example.org');
    await expect(page.locator('main')).not.toContainText('Mevrouw Nijkerk');
  }
  // Downloads and API calls.
  for (const path of [
    `/beheer/werklijst/${nijkerk.resident.consentId}/gegevens.json`,
    `/beheer/screening/${nijkerk.importId}/resultaat.csv`,
    `/beheer/screening/${nijkerk.importId}/resultaat.ndjson`,
    `/beheer/screening/${nijkerk.importId}/brieven.pdf?deel=1`,
    `/beheer/campagnes/${nijkerk.campaignId}/voorbeeld.html?taal=nl`,
  ]) {
    const response = await page.request.get(`${con.base}${path}`, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expect(await response.text()).not.toContain('nijkerker@example.org');
  }
  // Changes with a valid session and CSRF token: refused, and nothing changed.
  await page.goto(`${con.base}/beheer/werklijst/${assen.resident.consentId}`);
  const csrf = await csrfOf(page);
  const post = (path: string, form: Record<string, string>) =>
    page.request.post(`${con.base}${path}`, { form: { _csrf: csrf, ...form }, headers: { origin: con.base }, maxRedirects: 0 });
  expect((await post(`/beheer/werklijst/${nijkerk.resident.consentId}`, { _action: 'status', status: 'closed' })).status()).toBe(404);
  expect((await post(`/beheer/werklijst/${nijkerk.resident.consentId}`, { _action: 'note', note: 'gezien' })).status()).toBe(404);
  expect((await post(`/beheer/werklijst/${nijkerk.resident.consentId}/wissen`, { confirm: 'yes' })).status()).toBe(404);
  expect((await post(`/beheer/campagnes/${nijkerk.campaignId}`, { _action: 'send', when: 'now' })).status()).toBe(404);
  expect((await post(`/beheer/screening/${nijkerk.importId}`, { _action: 'delete' })).status()).toBe(404);
  const [kase] = await con.s.database.db.select().from(cases).where(eq(cases.consentId, nijkerk.resident.consentId));
  expect(kase!.status).toBe('new');
  // An AVG search finds nothing of another municipality.
  await page.goto(`${con.base}/beheer/avg`);
  await page.getByLabel(c('avg.email')).fill('nijkerker@example.org');
  await page.getByRole('button', { name: c('avg.search') }).click();
  await expect(page.getByText(c('avg.none'))).toBeVisible();
  // Switching to a municipality one does not work for is refused.
  expect((await post('/beheer/gemeente', { municipality: 'GM0267' })).status()).toBe(403);
});

test('an admin sees only the own municipality in the audit log and the staff list', async ({ page }) => {
  await login(page, con.base, assen.admin);
  await page.goto(`${con.base}/beheer/medewerkers`);
  await expect(page.getByRole('table', { name: c('staff.caption') })).not.toContainText(nijkerk.admin.email);
  expect((await page.goto(`${con.base}/beheer/medewerkers/${nijkerk.admin.id}`))?.status()).toBe(404);
  await page.goto(`${con.base}/beheer/auditlog`);
  const log = page.getByRole('table', { name: c('audit.caption') });
  await expect(log).toContainText(c('auditActions.login'));
  await expect(log).not.toContainText(nijkerk.admin.name);
  await expect(log).not.toContainText(c(auditActionKey('screening.upload')));
});

test('roles limit what staff may do', async ({ page }) => {
  await login(page, con.base, assen.viewer);
  await page.goto(`${con.base}/beheer/werklijst/${assen.resident.consentId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(caseNumber(assen.resident.consentId));
  await expect(page.getByRole('button', { name: c('case.saveStatus') })).toHaveCount(0);
  const csrf = await csrfOf(page);
  const status = await page.request.post(`${con.base}/beheer/werklijst/${assen.resident.consentId}`, {
    form: { _csrf: csrf, _action: 'status', status: 'closed' },
    headers: { origin: con.base },
    maxRedirects: 0,
  });
  expect(status.status()).toBe(403);
  for (const path of [
    '/beheer/screening',
    '/beheer/medewerkers',
    '/beheer/auditlog',
    '/beheer/avg',
    `/beheer/werklijst/${assen.resident.consentId}/gegevens.json`,
  ]) {
    expect((await page.request.get(`${con.base}${path}`, { maxRedirects: 0 })).status(), path).toBe(403);
  }
  await expect(page.getByRole('navigation', { name: c('layout.navLabel') }).getByRole('link', { name: c('layout.nav.staff') })).toHaveCount(
    0,
  );
  await page.getByRole('button', { name: c('layout.logout') }).click();

  await login(page, con.base, assen.caseworker);
  for (const path of ['/beheer/medewerkers', '/beheer/auditlog']) {
    expect((await page.request.get(`${con.base}${path}`, { maxRedirects: 0 })).status(), path).toBe(403);
  }
  // Without a session, nothing but the login page.
  const anonymous = await page.context().browser()!.newContext();
  const response = await anonymous.request.get(`${con.base}/beheer/werklijst/${assen.resident.consentId}/gegevens.json`, {
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  expect(response.headers()['location']).toMatch(/^\/beheer\/inloggen/);
  await anonymous.close();
});
