/**
 * Screening in Chromium: an upload without a legal basis is refused; a CSV with bad lines is screened
 * anyway, with a problem per line naming the column; the result downloads as CSV; households without
 * e-mail get a PDF letter.
 */
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { c, login, seedStaff, startConsole, until, type Console, type Staff } from './support.ts';

test.describe.configure({ mode: 'serial' });

const CSV = [
  'id;name;address;postcode;city;email;applicant_age;children_ages;applicant_income;applicant_income_type;rent;receiving;shoe_size',
  'A-001;Mevrouw A. de Vries;Kerkstraat 1;9401 AA;Assen;;38;8 14;1.320,00;bijstand;650;zorgtoeslag;38',
  'A-002;De heer B. Jansen;Markt 2;9401 AB;Assen;b.jansen@example.org;45;12;1900;wages;780;;44',
  'A-003;Leeftijd onbekend;Markt 3;9401 AC;Assen;;veertig;;;;;;',
  'A-004;Kind te oud;Markt 4;9401 AD;Assen;;40;19;900;wages;600;;',
  'A-005;Verkeerd inkomen;Markt 5;9401 AE;Assen;;40;;900;salaris;600;;',
].join('\n');

let con: Console;
let caseworker: Staff;

test.beforeAll(async () => {
  con = await startConsole();
  caseworker = await seedStaff(con.s, 'GM0106', 'caseworker');
});
test.afterAll(async () => {
  await con?.stop();
});

test('screens an upload with bad lines, shows the problems per line, and gives the result and letters', async ({ page }) => {
  await login(page, con.base, caseworker);
  await page.goto(`${con.base}/beheer/screening`);
  const file = { name: 'klanten-maart.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') };
  await page.getByLabel(c('screening.file')).setInputFiles(file);
  await page.getByRole('button', { name: c('screening.submit') }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText(c('screening.errors.legalBasis'));
  await expect(summary).toContainText(c('screening.errors.legalReference'));
  await expect(page).toHaveTitle(/^Fout: /);

  await page.getByLabel(c('screening.file')).setInputFiles(file);
  await page.getByLabel(c('legalBasis.ambtshalve-eigen-klanten.name')).check();
  await page.getByLabel(c('screening.legalReference')).fill('Besluit 2026/114, DPIA-2026-014');
  await page.getByRole('button', { name: c('screening.submit') }).click();
  await expect(page).toHaveURL(/\/beheer\/screening\/[0-9a-f-]{36}\?klaar=uploaded/);
  await until(page, async () => (await page.locator('#import-status').textContent())!.includes(c('importStatus.done')));
  await expect(page.getByRole('heading', { name: c('import.fileProblems') })).toBeVisible();
  await expect(page.getByText(c('screening.problem.unknown-columns', { columns: 'shoe_size' }))).toBeVisible();
  await expect(page.locator('#count-errors')).toHaveText('3');
  await expect(page.locator('#count-qualifying')).toHaveText('2');

  await page.getByRole('link', { name: c('import.filters.errors') }).click();
  const rows = page.getByRole('table', { name: c('import.filters.errors') });
  await expect(rows.getByRole('row', { name: /A-003/ })).toContainText('applicant_age');
  await expect(rows.getByRole('row', { name: /A-003/ })).toContainText(c('screening.problem.not-whole-number', { value: 'veertig' }));
  await expect(rows.getByRole('row', { name: /A-004/ })).toContainText('children_ages');
  await expect(rows.getByRole('row', { name: /A-005/ })).toContainText('applicant_income_type');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: c('import.csv') }).click()]);
  const text = await readFile((await csv.path())!, 'utf8');
  expect(text.split('\r\n')[0]).toBe(
    '\uFEFFRegel;Kenmerk;Naam;Adres;Postcode;Woonplaats;E-mail;Uitkomst;Waarschijnlijk recht op;Ambtshalve mogelijk;Geschat per jaar;Al in de werklijst;Krijgt brief;Fouten',
  );
  // Only the schemes the household likely gets: not kwijtschelding, since she can pay Assen's tariffs for more persons
  // (347.67 a year, content/local-taxes/GM0106-assen.yaml) herself.
  const ank = text.split('\r\n').find((line) => line.startsWith('2;A-001;'));
  expect(ank).toMatch(
    /^2;A-001;Mevrouw A\. de Vries;Kerkstraat 1;9401 AA;Assen;;waarschijnlijk recht;.*Kindgebonden budget.*;;\d+,\d{2};nee;ja;$/,
  );
  expect(ank).not.toContain('Kwijtschelding');

  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: c('import.letters', { from: 1, to: 1 }) }).click(),
  ]);
  const bytes = await readFile((await pdf.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.suggestedFilename()).toMatch(/^brieven-\d{4}-\d{2}-\d{2}-deel-1\.pdf$/);

  await page.goto(page.url().replace(/\?.*$/, '?toon=letters'));
  await expect(page.getByRole('link', { name: c('import.letterFor', { line: 2 }) })).toBeVisible();

  await page.getByRole('button', { name: c('import.delete') }).click();
  await expect(page).toHaveURL(/\/beheer\/screening\?klaar=import-deleted/);
  await expect(page.getByText(c('screening.none'))).toBeVisible();
});
