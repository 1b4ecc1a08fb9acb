/**
 * The worklist flow in Chromium: residents who asked for contact appear, filters narrow the list, a
 * case shows the consented data and the check's snapshot, a caseworker moves it on (status, note,
 * assignment, outcome per scheme), every view lands in the audit log, and the resident's data can be
 * downloaded and deleted on request.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { runCheck } from '../../../src/contract/check.ts';
import { todayInNetherlands } from '../../../src/contract/today.ts';
import { formatMoney } from '../../../src/i18n/index.ts';
import { auditActionKey } from '../../../src/server/audit/log.ts';
import { caseNumber } from '../../../src/server/worklist/reference.ts';
import { c, household, login, seedResident, seedStaff, startConsole, type Console, type Resident, type Staff } from './support.ts';

test.describe.configure({ mode: 'serial' });

let con: Console;
let caseworker: Staff;
let admin: Staff;
let ank: Resident;
let volunteer: Resident;
let turkish: Resident;
const euro = (euros: number): string => formatMoney(Math.round(euros * 100), 'nl');

test.beforeAll(async () => {
  con = await startConsole();
  caseworker = await seedStaff(con.s, 'GM0106', 'caseworker', 'Carla Consulent');
  admin = await seedStaff(con.s, 'GM0106', 'admin', 'Bert Beheerder');
  ank = await seedResident(con.s, {
    shareHousehold: true,
    household: household(),
    phone: '06 1234 5678',
    schemeIds: ['kwijtschelding', 'meedoenpremie-schoolgaande-kinderen'],
  });
  volunteer = await seedResident(con.s, {
    language: 'en',
    source: 'volunteer',
    organisation: 'Humanitas',
    schemeIds: ['individuele-inkomenstoeslag'],
  });
  turkish = await seedResident(con.s, { language: 'tr', schemeIds: ['kwijtschelding'] });
});
test.afterAll(async () => {
  await con?.stop();
});

test('lists the residents who asked for contact and filters them', async ({ page }) => {
  await login(page, con.base, caseworker);
  await page.goto(`${con.base}/beheer/werklijst`);
  const table = page.getByRole('table', { name: c('worklist.caption') });
  for (const r of [ank, volunteer, turkish])
    await expect(table.getByRole('link', { name: c('worklist.caseLink', { number: caseNumber(r.consentId) }) })).toBeVisible();
  // The list shows no contact details.
  await expect(table).not.toContainText(ank.email);
  await page.getByLabel(c('worklist.filters.language')).selectOption('en');
  await page.getByRole('button', { name: c('worklist.filters.submit') }).click();
  await expect(page).toHaveURL(/taal=en/);
  await expect(page.getByText(c('worklist.count', { count: 1 }))).toBeVisible();
  await expect(table).toContainText(`${c('source.volunteer')}: Humanitas`);
  await page.goto(`${con.base}/beheer/werklijst?regeling=kwijtschelding`);
  await expect(page.getByText(c('worklist.count', { count: 2 }))).toBeVisible();
  await expect(table.getByRole('link', { name: c('worklist.caseLink', { number: caseNumber(volunteer.consentId) }) })).toHaveCount(0);
});

test('shows a case with the consented data and the snapshot, and takes it from new to granted', async ({ page }) => {
  await login(page, con.base, caseworker);
  await page.goto(`${con.base}/beheer/werklijst`);
  await page.getByRole('link', { name: c('worklist.caseLink', { number: caseNumber(ank.consentId) }) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(c('case.title', { number: caseNumber(ank.consentId) }));
  await expect(page.getByRole('link', { name: ank.email })).toHaveAttribute('href', `mailto:${ank.email}`);
  await expect(page.getByRole('link', { name: '06 1234 5678' })).toHaveAttribute('href', 'tel:0612345678');
  const schemes = page.getByRole('table', { name: c('case.schemes') });
  await expect(schemes.getByRole('row', { name: /Kwijtschelding van gemeentelijke belastingen/ })).toBeVisible();
  await expect(schemes).toContainText('Kindgebonden budget');
  await expect(page.getByText(`${c('household.roles.child')}, 8 jaar`)).toBeVisible();

  // The household's money comes from the engine's ledger, the account the resident's results page shows:
  // every subtotal is the sum of its rows, and what the household keeps is income + schemes − costs.
  const money = page.getByRole('table', { name: c('case.money.caption') });
  const amountsOf = async (selector: string): Promise<number[]> =>
    (await money.locator(selector).evaluateAll((cells) => cells.map((x) => x.getAttribute('data-amount')))).map(Number);
  const subtotal: Record<string, number> = {};
  for (const group of ['income', 'schemes', 'costs']) {
    const rows = await amountsOf(`tr[data-row="${group}"] td[data-amount]`);
    const [shown] = await amountsOf(`td[data-subtotal="${group}"]`);
    subtotal[group] = shown!;
    expect(rows.length).toBeGreaterThan(0);
    expect(Math.round(rows.reduce((a, b) => a + b, 0) * 100)).toBe(Math.round(shown! * 100));
  }
  const [total] = await amountsOf('td[data-total]');
  expect(Math.round(total! * 100)).toBe(Math.round((subtotal.income! + subtotal.schemes! - subtotal.costs!) * 100));
  const resident = runCheck(household(), con.s.rulebook, { today: todayInNetherlands(con.s.now()), computedAt: '' });
  expect(resident.ok && resident.result.ledger.keep.monthly).toBe(total);
  await expect(money.locator('td[data-total]')).toHaveText(euro(total!));

  await page.getByLabel(c('case.newStatus')).selectOption('contacted');
  await page.getByRole('button', { name: c('case.saveStatus') }).click();
  await expect(page.getByRole('status')).toHaveText(c('notices.status-changed'));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(c('status.contacted'));

  await page.getByLabel(c('case.note')).fill('Gebeld. Afspraak dinsdag 10 uur op het Werkplein.');
  await page.getByRole('button', { name: c('case.addNote') }).click();
  await expect(page.getByRole('status')).toHaveText(c('notices.note-added'));
  await expect(page.locator('.console-history')).toContainText('Afspraak dinsdag 10 uur');

  await page.getByLabel(c('case.assignTo')).selectOption({ label: 'Carla Consulent' });
  await page.getByRole('button', { name: c('case.saveAssign') }).click();
  await expect(page.getByRole('status')).toHaveText(c('notices.assigned'));

  await page.getByLabel(c('case.outcomeFor', { scheme: 'Kwijtschelding van gemeentelijke belastingen' })).selectOption('granted');
  await page.getByLabel(c('case.amountFor', { scheme: 'Kwijtschelding van gemeentelijke belastingen' })).fill('412,50');
  await page.getByRole('button', { name: c('case.saveOutcomes') }).click();
  await expect(page.getByRole('status')).toHaveText(c('notices.outcomes-saved'));
  await expect(schemes.getByRole('row', { name: /Kwijtschelding/ })).toContainText('€ 412,50 per jaar');

  await page.getByLabel(c('case.newStatus')).selectOption('granted');
  await page.getByRole('button', { name: c('case.saveStatus') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(c('status.granted'));
  // Closed: the data goes 30 days from now.
  const in30 = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(
    new Date(Date.now() + 30 * 86_400_000),
  );
  await expect(page.getByText(in30)).toBeVisible();

  // The granted case is no longer open; "Mijn zaken" is empty now.
  await page.goto(`${con.base}/beheer/werklijst?behandelaar=me`);
  await expect(page.getByText(c('worklist.empty'))).toBeVisible();
  await page.goto(`${con.base}/beheer/werklijst?status=granted`);
  await expect(page.getByRole('table', { name: c('worklist.caption') })).toContainText('Carla Consulent');
});

test('logs every view for the admin, and shows the take-up in the dashboard', async ({ page }) => {
  await login(page, con.base, admin);
  await page.goto(`${con.base}/beheer/auditlog?record=${caseNumber(ank.consentId).toLowerCase()}`);
  const log = page.getByRole('table', { name: c('audit.caption') });
  await expect(log.getByRole('row', { name: new RegExp(`Carla Consulent.*${c(auditActionKey('case.view'))}`) }).first()).toBeVisible();
  await expect(log).toContainText(c(auditActionKey('case.status')));
  await expect(log).toContainText(c(auditActionKey('case.note')));
  await expect(log).not.toContainText(ank.email);
  await page.goto(`${con.base}/beheer/werklijst/${ank.consentId}`);
  await expect(page.getByRole('heading', { name: c('case.access') })).toBeVisible();

  await page.goto(`${con.base}/beheer/dashboard`);
  const perScheme = page.getByRole('table', { name: c('dashboard.schemesTable') });
  const row = perScheme.getByRole('row', { name: /Kwijtschelding van gemeentelijke belastingen/ });
  await expect(row).toContainText('€ 412,50');
  await expect(page.getByRole('img', { name: c('dashboard.funnelChart') })).toBeVisible();
  const csv = await page.request.get(`${con.base}/beheer/dashboard.csv`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('Kwijtschelding van gemeentelijke belastingen;0;0;2;1;1;1;412,50');
});

test('gives the resident their data and deletes it on request', async ({ page }) => {
  await login(page, con.base, caseworker);
  await page.goto(`${con.base}/beheer/werklijst/${turkish.consentId}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: c('case.export') }).click()]);
  expect(download.suggestedFilename()).toBe(`avg-gegevens-${caseNumber(turkish.consentId)}.json`);
  const data = JSON.parse(await readFile((await download.path())!, 'utf8')) as { consents: { email: string }[] };
  expect(data.consents[0]!.email).toBe(turkish.email);

  await page.getByRole('link', { name: c('case.delete') }).click();
  await page.getByRole('button', { name: c('delete.submit') }).click();
  await expect(page.getByRole('alert')).toContainText(c('delete.confirmNeeded'));
  await page.getByLabel(c('delete.confirm')).check();
  await page.getByRole('button', { name: c('delete.submit') }).click();
  await expect(page).toHaveURL(/\/beheer\/werklijst\?klaar=deleted/);
  await expect(page.getByRole('status').first()).toHaveText(c('notices.deleted'));
  const gone = await page.goto(`${con.base}/beheer/werklijst/${turkish.consentId}`);
  expect(gone?.status()).toBe(404);

  // The same through an AVG request by e-mail address (the address never goes in a URL).
  await page.goto(`${con.base}/beheer/avg`);
  await page.getByLabel(c('avg.email')).fill(volunteer.email);
  await page.getByRole('button', { name: c('avg.search') }).click();
  await expect(page).toHaveURL(`${con.base}/beheer/avg`);
  await expect(page.getByRole('heading', { name: c('avg.found', { count: 1 }) })).toBeVisible();
  await page.getByLabel(c('avg.confirm')).check();
  await page.getByRole('button', { name: c('avg.delete') }).click();
  await expect(page.getByRole('status').first()).toHaveText(c('avg.deleted', { count: 1 }));
  expect((await page.goto(`${con.base}/beheer/werklijst/${volunteer.consentId}`))?.status()).toBe(404);
});
