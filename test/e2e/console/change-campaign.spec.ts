/**
 * A campaign before a known event, in Chromium: households whose child turns 18 in the next quarter,
 * with what the event changes for them (the engine's comparison, added up). The console works on the
 * real date, so the child's date of birth is set from today, and the expected changes come from the
 * same engine comparison for that household.
 */
import { expect, test } from '@playwright/test';
import { todayInNetherlands } from '../../../src/contract/today.ts';
import { addMonths } from '../../../src/engine/dates.ts';
import { eventComparison } from '../../../src/server/campaigns/segments.ts';
import { expectAccessible } from '../support/axe.ts';
import { c, login, seedResident, seedStaff, startConsole, type Console, type Staff } from './support.ts';

test.describe.configure({ mode: 'serial' });

let con: Console;
let caseworker: Staff;

/** A single parent whose child turns 18 in about a month; another whose child turns 18 in eight months. */
function withChild(birthday18: string): Record<string, unknown> {
  const birthDate = `${Number(birthday18.slice(0, 4)) - 18}${birthday18.slice(4)}`;
  return {
    municipality: 'GM0106',
    people: [
      { id: 'ank', role: 'applicant', age: 45 },
      { id: 'c', role: 'child', age: 17, birthDate },
    ],
    incomes: [{ person: 'ank', type: 'wages', amount: 1100, period: 'month', basis: 'net' }],
    housing: { type: 'rent', rent: 650 },
  };
}

const today = todayInNetherlands(new Date());
// Not on the 29th–31st, so the birthday exists in every year.
const soonDate = `${addMonths(today, 1).slice(0, 8)}15`;
const laterDate = `${addMonths(today, 8).slice(0, 8)}15`;

test.beforeAll(async () => {
  con = await startConsole();
  caseworker = await seedStaff(con.s, 'GM0106', 'caseworker', 'Carla Consulent');
  await seedResident(con.s, { schemeIds: ['kinderbijslag'], shareHousehold: true, household: withChild(soonDate) });
  await seedResident(con.s, { schemeIds: ['kinderbijslag'], shareHousehold: true, household: withChild(laterDate) });
});
test.afterAll(async () => {
  await con?.stop();
});

test('reaches households whose child turns 18 next quarter, and shows what changes for them', async ({ page }) => {
  await login(page, con.base, caseworker);
  await page.goto(`${con.base}/beheer/campagnes/nieuw`);
  await expectAccessible(page, 'new campaign with the window for a life event');
  await page.getByLabel(c('newCampaign.name')).fill('Kind wordt 18, komend kwartaal');
  await page.getByLabel(c('newCampaign.kinds.lifeEvent')).check();
  await page.getByLabel(c('newCampaign.event'), { exact: true }).selectOption({ label: 'Mijn kind wordt 18' });
  await page.getByLabel(c('newCampaign.window')).selectOption({ label: c('newCampaign.windows.3') });
  await page.getByRole('button', { name: c('newCampaign.submit') }).click();
  await expect(page.getByRole('status')).toHaveText(c('notices.campaign-created'));
  await expect(page.getByText(c('segment.lifeEventWithin', { event: 'Mijn kind wordt 18', count: 3 }))).toBeVisible();
  await expect(page.locator('#reach-count')).toHaveText(c('campaign.reach.count', { count: 1 }));

  const comparison = eventComparison(withChild(soonDate), 'child-turns-18', con.s.rulebook, today, addMonths(today, 3));
  if (!comparison) {
    // The birthday falls after the last date the rules in content/ cover: nothing to compare yet.
    await expect(page.getByRole('heading', { name: c('campaign.effects.heading') })).toHaveCount(0);
    return;
  }
  await expect(page.getByRole('heading', { name: c('campaign.effects.heading') })).toBeVisible();
  await expect(page.getByText(c('campaign.effects.intro', { count: 1 }))).toBeVisible();
  for (const x of comparison.changes) {
    await expect(page.locator(`[data-effect="${x.id}:${x.change}"]`), x.id).toBeVisible();
  }
  await expect(page.locator('[data-effect="kinderbijslag:stops"]')).toContainText('1');
  await expectAccessible(page, 'campaign with what the event changes');
});
