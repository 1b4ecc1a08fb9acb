/**
 * A campaign in Chromium, delivered to a real SMTP server on 127.0.0.1: who it reaches, a preview and
 * a test mail, editing the text, sending, and the figures. Residents who withdrew or whom staff had
 * already contacted get nothing; every mail has the withdrawal link and the one-click header.
 */
import { expect, test } from '@playwright/test';
import { token } from '../../../src/server/security/secrets.ts';
import { caseNumber } from '../../../src/server/worklist/reference.ts';
import { c, login, seedResident, seedStaff, startConsole, until, withdraw, type Console, type Resident, type Staff } from './support.ts';

test.describe.configure({ mode: 'serial' });

let con: Console;
let caseworker: Staff;
let dutch: Resident;
let english: Resident;
let called: Resident;
let gone: Resident;

test.beforeAll(async () => {
  con = await startConsole();
  caseworker = await seedStaff(con.s, 'GM0106', 'caseworker', 'Carla Consulent');
  dutch = await seedResident(con.s, { schemeIds: ['kwijtschelding'] });
  english = await seedResident(con.s, { schemeIds: ['kwijtschelding'], language: 'en' });
  called = await seedResident(con.s, { schemeIds: ['kwijtschelding'] });
  gone = await seedResident(con.s, { schemeIds: ['kwijtschelding'] });
});
test.afterAll(async () => {
  await con?.stop();
});

test('sends a campaign to the residents it reaches, and to no one else', async ({ page }) => {
  await login(page, con.base, caseworker);
  // Staff already called one resident.
  await page.goto(`${con.base}/beheer/werklijst/${called.consentId}`);
  await page.getByLabel(c('case.newStatus')).selectOption('contacted');
  await page.getByRole('button', { name: c('case.saveStatus') }).click();

  await page.goto(`${con.base}/beheer/campagnes`);
  await page.getByRole('link', { name: c('campaigns.new') }).click();
  await page.getByRole('button', { name: c('newCampaign.submit') }).click();
  await expect(page.getByRole('alert')).toContainText(c('newCampaign.errors.name'));
  await page.getByLabel(c('newCampaign.name')).fill('Kwijtschelding 2026');
  await page.getByLabel(c('newCampaign.kinds.schemes')).check();
  await page.getByLabel('Kwijtschelding van gemeentelijke belastingen').check();
  await page.getByRole('button', { name: c('newCampaign.submit') }).click();
  await expect(page.getByRole('status')).toHaveText(c('notices.campaign-created'));
  await expect(page.locator('#reach-count')).toHaveText(c('campaign.reach.count', { count: 3 }));
  await expect(page.getByText(c('campaign.reach.contacted', { count: 1 }))).toBeVisible();
  await expect(page.locator('#readability')).toContainText('Flesch-Douma');

  // A clearer subject.
  await page.getByLabel(c('campaign.texts.subject')).first().fill('Kwijtschelding: je hoeft misschien geen belasting te betalen');
  await page.getByRole('button', { name: c('campaign.texts.save') }).click();
  await expect(page.getByRole('status')).toHaveText(c('notices.texts-saved'));

  await page.getByRole('link', { name: c('campaign.preview.link', { language: c('languages.nl') }) }).click();
  await expect(page.locator('#preview-subject')).toHaveText('Kwijtschelding: je hoeft misschien geen belasting te betalen');
  await expect(page.locator('#preview-text')).toContainText('- Kwijtschelding van gemeentelijke belastingen');
  await expect(page.locator('#preview-text')).toContainText('Werkplein Drentsche Aa (WPDA)');
  const html = await page.request.get(
    `${con.base}${await page.getByRole('link', { name: c('campaign.preview.html') }).getAttribute('href')}`,
  );
  expect(html.status()).toBe(200);
  expect(html.headers()['content-security-policy']).toContain("default-src 'none'");
  expect(await html.text()).toContain('<li>Kwijtschelding van gemeentelijke belastingen</li>');
  await page.goBack();

  await page.getByLabel(c('campaign.preview.testLanguage')).selectOption('en');
  await page.getByRole('button', { name: c('campaign.preview.test', { email: caseworker.email }) }).click();
  await expect(page.getByRole('status')).toHaveText(c('notices.test-sent'));
  await con.smtp.waitFor(1);
  expect(con.smtp.received[0]).toMatchObject({ to: caseworker.email });
  expect(con.smtp.received[0]!.parsed.subject).toMatch(/^\[TEST\] Maybe you can get money from the municipality of Assen$/);

  // Another resident withdraws before the campaign goes out.
  await withdraw(con.s, gone);
  con.smtp.received.length = 0;
  await page.getByRole('button', { name: c('campaign.send.submit') }).click();
  await expect(page.getByRole('status')).toHaveText(c('notices.sending'));
  await con.smtp.waitFor(2, 30_000);
  await until(page, async () => (await page.locator('#status').textContent())!.includes(c('campaignStatus.done')));
  expect(con.smtp.received.map((m) => m.to).sort()).toEqual([dutch.email, english.email].sort());

  const nl = con.smtp.received.find((m) => m.to === dutch.email)!;
  expect(nl.parsed.subject).toBe('Kwijtschelding: je hoeft misschien geen belasting te betalen');
  expect(nl.parsed.text).toContain('Kwijtschelding van gemeentelijke belastingen');
  expect(nl.parsed.text).toContain(`${con.base}/afmelden?t=${token(con.s.secret, 'withdraw', dutch.requestId)}`);
  expect(nl.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
  expect(nl.raw).toContain(`<${con.base}/afmelden/one-click?t=${token(con.s.secret, 'withdraw', dutch.requestId)}>`);
  const en = con.smtp.received.find((m) => m.to === english.email)!;
  expect(en.parsed.subject).toBe('Maybe you can get money from the municipality of Assen');
  expect(en.parsed.text).toContain(`${con.base}/en/check`);

  const stats = page.locator('#campaign-stats');
  // The audience was fixed when sending started, after the withdrawal.
  await expect(stats.getByRole('row', { name: c('campaign.stats.audience') })).toContainText('2');
  await expect(stats.getByRole('row', { name: c('campaign.stats.sent') })).toContainText('2');
  await expect(stats.getByRole('row', { name: c('campaign.stats.waiting') })).toContainText('0');
  await expect(page.getByRole('img', { name: c('campaign.stats.chart') })).toBeVisible();

  // The mail was the first contact: the case moved on.
  await page.goto(`${con.base}/beheer/werklijst/${dutch.consentId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(c('status.contacted'));
  await expect(page.locator('.console-history')).toContainText(c('case.history.campaign'));
  await page.goto(`${con.base}/beheer/werklijst?status=contacted`);
  await expect(page.getByRole('link', { name: c('worklist.caseLink', { number: caseNumber(english.consentId) }) })).toBeVisible();
});

test('schedules a campaign for later and takes it back', async ({ page }) => {
  await login(page, con.base, caseworker);
  await page.goto(`${con.base}/beheer/campagnes/nieuw`);
  await page.getByLabel(c('newCampaign.name')).fill('Later');
  await page.getByLabel(c('newCampaign.kinds.household')).check();
  await page.getByLabel(c('householdTypes.single-parent')).check();
  await page.getByRole('button', { name: c('newCampaign.submit') }).click();
  await page.getByLabel(c('campaign.send.later')).check();
  await page.getByLabel(c('campaign.send.at')).fill('2020-01-01T09:00');
  await page.getByRole('button', { name: c('campaign.send.submit') }).click();
  await expect(page.getByRole('alert')).toContainText(c('campaign.errors.at'));
  const next = new Date(Date.now() + 7 * 86_400_000);
  await page.getByLabel(c('campaign.send.later')).check();
  await page.getByLabel(c('campaign.send.at')).fill(`${next.toISOString().slice(0, 10)}T09:00`);
  await page.getByRole('button', { name: c('campaign.send.submit') }).click();
  await expect(page.getByRole('status')).toHaveText(c('notices.scheduled'));
  await expect(page.locator('#status')).toContainText(c('campaignStatus.scheduled'));
  await page.getByRole('button', { name: c('campaign.actions.unschedule') }).click();
  await expect(page.locator('#status')).toHaveText(c('campaignStatus.draft'));
  await page.getByRole('button', { name: c('campaign.actions.delete') }).click();
  await expect(page).toHaveURL(/\/beheer\/campagnes\?klaar=campaign-deleted/);
});
