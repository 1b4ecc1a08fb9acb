/**
 * axe (WCAG 2.1 A and AA) on every page of the staff console and its states: empty, with data, with
 * errors, after an action, not found. Each page also has one h1 and `lang="nl"`, and no script at all:
 * the console is plain HTML and forms, so it is the same page with JavaScript off. axe runs in the
 * project with JavaScript (the same HTML); the project without JavaScript checks that there is none.
 */
import { expect, test, type Page } from '@playwright/test';
import { createCampaign, startCampaign } from '../../../src/server/campaigns/campaigns.ts';
import { createImport, getImport } from '../../../src/server/screening/imports.ts';
import { expectAccessible } from '../support/axe.ts';
import { asUser, c, household, login, seedResident, seedStaff, startConsole, type Console, type Resident, type Staff } from './support.ts';

test.describe.configure({ mode: 'serial' });

let con: Console;
let admin: Staff;
let colleague: Staff;
let ank: Resident;
let draftId: string;
let sentId: string;
let importId: string;

test.beforeAll(async () => {
  con = await startConsole();
  admin = await seedStaff(con.s, 'GM0106', 'admin', 'Bert Beheerder');
  colleague = await seedStaff(con.s, 'GM0106', 'caseworker', 'Carla Consulent');
  ank = await seedResident(con.s, {
    shareHousehold: true,
    household: household(),
    phone: '06 1234 5678',
    source: 'volunteer',
    organisation: 'Humanitas',
  });
  await seedResident(con.s, { language: 'ar', schemeIds: ['kwijtschelding'] });
  const user = await asUser(con.s, admin, 'GM0106');
  const templates = {
    nl: { subject: 'Hulp bij {{regelingen}}', body: 'Hallo,\n\nMisschien kun je dit krijgen:\n{{regelingen}}\n\nDoe de check: {{link}}' },
  };
  draftId = await createCampaign(con.s, user, { name: 'Concept', segment: { kind: 'schemes', schemeIds: ['kwijtschelding'] }, templates });
  sentId = await createCampaign(con.s, user, { name: 'Verstuurd', segment: { kind: 'life-event', event: 'child-turns-18' }, templates });
  await startCampaign(con.s, user, sentId);
  const imported = await createImport(con.s, user, {
    fileName: 'klanten.csv',
    bytes: new TextEncoder().encode(
      'id;name;address;postcode;city;applicant_age;children_ages;applicant_income;applicant_income_type;rent\nA-1;Mevrouw A. de Vries;Kerkstraat 1;9401 AA;Assen;38;8 14;1320;bijstand;650\nA-2;Fout;;;;oud;;;;\n',
    ),
    legalBasis: 'wgs-vroegsignalering',
    legalReference: 'VS-2026-3',
    referenceDate: '2026-03-02',
  });
  if (!imported.ok) throw new Error('import');
  importId = imported.id;
  const deadline = Date.now() + 30_000;
  while ((await getImport(con.s, user, importId))?.status !== 'done' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
});
test.afterAll(async () => {
  await con?.stop();
});

let withScripts = true;
test.beforeEach(({ javaScriptEnabled }) => {
  withScripts = javaScriptEnabled;
});

/** axe where the browser runs scripts; in both projects: no scripts on the page. */
async function accessible(page: Page, context: string): Promise<void> {
  await expect(page.locator('script')).toHaveCount(0);
  if (withScripts) await expectAccessible(page, `console ${context}`);
}

async function check(page: Page, path: string, context = path, status = 200): Promise<void> {
  const response = await page.goto(`${con.base}${path}`);
  expect(response?.status(), context).toBe(status);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await accessible(page, context);
}

test('the login page, empty and with an error', async ({ page }) => {
  await check(page, '/beheer/inloggen');
  await page.getByLabel(c('login.email')).fill('iemand@gemeente.example');
  await page.getByLabel(c('login.password'), { exact: true }).fill('fout wachtwoord');
  await page.getByRole('button', { name: c('login.submit') }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await accessible(page, 'login with error');
});

const PAGES: Record<string, () => string[]> = {
  'the start page, the worklist and a case': () => [
    '/beheer',
    '/beheer/werklijst',
    '/beheer/werklijst?regeling=zorgtoeslag&taal=ar',
    `/beheer/werklijst/${ank.consentId}`,
    `/beheer/werklijst/${ank.consentId}/wissen`,
    '/beheer/avg',
  ],
  'the campaign pages': () => [
    '/beheer/campagnes',
    '/beheer/campagnes/nieuw',
    `/beheer/campagnes/${draftId}`,
    `/beheer/campagnes/${draftId}/voorbeeld?taal=nl`,
    `/beheer/campagnes/${draftId}/voorbeeld?taal=ar`,
    `/beheer/campagnes/${sentId}`,
  ],
  'the screening pages and the dashboard': () => [
    '/beheer/screening',
    `/beheer/screening/${importId}`,
    `/beheer/screening/${importId}?toon=errors`,
    `/beheer/screening/${importId}?toon=letters`,
    '/beheer/dashboard',
  ],
  'the admin pages': () => [
    '/beheer/auditlog',
    '/beheer/medewerkers',
    `/beheer/medewerkers/${colleague.id}`,
    '/beheer/sso',
    '/beheer/account',
  ],
};

for (const [name, paths] of Object.entries(PAGES)) {
  test(`${name}, with data, for an admin`, async ({ page }) => {
    await login(page, con.base, admin);
    for (const path of paths()) await check(page, path);
  });
}

test('the return page of single sign-on, without a login in progress', async ({ page }) => {
  await check(page, '/beheer/sso/terug', 'sso return without a flow', 401);
  await expect(page.getByRole('alert')).toBeVisible();
});

test('pages of records that do not exist', async ({ page }) => {
  await login(page, con.base, admin);
  await check(page, '/beheer/werklijst/00000000-0000-4000-8000-000000000000', 'case not found', 404);
  await check(page, '/beheer/screening/00000000-0000-4000-8000-000000000000', 'import not found', 404);
  await check(page, '/beheer/campagnes/00000000-0000-4000-8000-000000000000', 'campaign not found', 404);
});

test('pages after an action and with errors', async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, con.base, admin);
  // A case after a change, and with an error.
  await page.goto(`${con.base}/beheer/werklijst/${ank.consentId}`);
  await page.getByLabel(c('case.newStatus')).selectOption('contacted');
  await page.getByRole('button', { name: c('case.saveStatus') }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await accessible(page, 'case after a change');
  await page.getByLabel(c('case.outcomeFor', { scheme: 'Kwijtschelding van gemeentelijke belastingen' })).selectOption('granted');
  await page.getByLabel(c('case.amountFor', { scheme: 'Kwijtschelding van gemeentelijke belastingen' })).fill('veel');
  await page.getByRole('button', { name: c('case.saveOutcomes') }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await accessible(page, 'case with an error');
  // Delete without confirmation.
  await page.goto(`${con.base}/beheer/werklijst/${ank.consentId}/wissen`);
  await page.getByRole('button', { name: c('delete.submit') }).click();
  await accessible(page, 'delete with an error');
  // AVG search with results.
  await page.goto(`${con.base}/beheer/avg`);
  await page.getByLabel(c('avg.email')).fill(ank.email);
  await page.getByRole('button', { name: c('avg.search') }).click();
  await expect(page.getByRole('heading', { name: c('avg.found', { count: 1 }) })).toBeVisible();
  await accessible(page, 'avg with results');
  // New campaign with errors.
  await page.goto(`${con.base}/beheer/campagnes/nieuw`);
  await page.getByLabel(c('newCampaign.kinds.household')).check();
  await page.getByRole('button', { name: c('newCampaign.submit') }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await accessible(page, 'new campaign with errors');
  // Campaign texts with errors.
  await page.goto(`${con.base}/beheer/campagnes/${draftId}`);
  await page.getByLabel(c('campaign.texts.subject')).first().fill('');
  await page.getByRole('button', { name: c('campaign.texts.save') }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await accessible(page, 'campaign with errors');
  // Screening upload with errors.
  await page.goto(`${con.base}/beheer/screening`);
  await page.getByRole('button', { name: c('screening.submit') }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await accessible(page, 'screening with errors');
  // A new member of staff, with the temporary password shown once.
  await page.goto(`${con.base}/beheer/medewerkers`);
  await page.getByLabel(c('staff.name')).fill('Nina Nieuw');
  await page.getByLabel(c('staff.email')).fill('nina.a11y@gemeente.example');
  await page.getByRole('button', { name: c('staff.submit') }).click();
  await expect(page.locator('#temporary-password')).toBeVisible();
  await accessible(page, 'staff with a temporary password');
  await page.getByRole('button', { name: c('staff.submit') }).click();
  await accessible(page, 'staff with errors');
  // Account with errors.
  await page.goto(`${con.base}/beheer/account`);
  await page.getByRole('button', { name: c('account.savePassword') }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await accessible(page, 'account with errors');
});

test('the pages of a viewer and of a new member of staff', async ({ page }) => {
  const viewer = await seedStaff(con.s, 'GM0106', 'viewer');
  await login(page, con.base, viewer);
  for (const path of [
    '/beheer',
    '/beheer/werklijst',
    `/beheer/werklijst/${ank.consentId}`,
    '/beheer/campagnes',
    `/beheer/campagnes/${draftId}`,
    '/beheer/dashboard',
  ])
    await check(page, path, `viewer ${path}`);
  await page.getByRole('button', { name: c('layout.logout') }).click();
  await check(page, '/beheer/inloggen?klaar=uitgelogd', 'logged out');
});
