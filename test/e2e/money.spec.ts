/**
 * Ank from the walk of December 2026 (shared/reference/review-walk-2026-12.md): a single mother in Assen with
 * children of 8 and 14, wages of €1,050 net, €400 bijstand, rent €720 + €40. On her results page, in Dutch and in
 * Arabic, with JavaScript on and off (the two projects): every table adds up, each bijstand figure appears with its
 * own meaning (typed, received on average, by the rules), the what-if starts at what she keeps, and the change page
 * for 8 more hours gives the what-if's +8 hours. Expected figures come from the engine on the server's pinned date.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Answers } from '../../src/site/answers.ts';
import { completeCheck } from './support/check.ts';
import { E2E_TODAY, type Lang } from './support/env.ts';
import { expectedResult, getRulebook, money } from './support/expected.ts';
import { escapeRegExp, s } from './support/strings.ts';

const ANK: Answers = {
  place: '9401',
  age: '38',
  partner: 'no',
  childAges: '8, 14',
  housing: 'rent',
  rent: '720',
  serviceCosts: '40',
  'inc.a': 'wages,bijstand',
  'inc.a.wages.amount': '1050',
  'inc.a.wages.period': 'month',
  'inc.a.wages.basis': 'net',
  'inc.a.wages.hours': '16',
  'inc.a.bijstand.amount': '400',
  'inc.a.bijstand.period': 'month',
  'inc.a.bijstand.basis': 'net',
  'cost.healthInsurancePremium': '160',
  'cost.energy': '140',
  savings: '400',
  receiving: 'huurtoeslag,zorgtoeslag,kinderbijslag,kindgebonden-budget',
};

/** The `data-amount` values of the cells in a locator, in cents. */
async function cents(cells: Locator): Promise<number[]> {
  const values = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-amount')));
  return values.map((v) => Math.round(Number(v) * 100));
}
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

async function expectTablesAddUp(page: Page): Promise<void> {
  const keep = page.locator('[data-keep-table]');
  let total = 0;
  for (const group of ['income', 'schemes', 'costs']) {
    const body = keep.locator(`tbody[data-group="${group}"]`);
    const rows = await cents(body.locator('tr[data-row] [data-amount]'));
    const [subtotal] = await cents(body.locator(`[data-subtotal="${group}"]`));
    expect(sum(rows), group).toBe(subtotal);
    total += subtotal!;
  }
  expect(await cents(keep.locator('tfoot [data-total]'))).toEqual([total]);
  for (const table of ['[data-di-income]', '[data-di-costs]']) {
    const rows = await cents(page.locator(`${table} tbody [data-amount]`));
    expect(await cents(page.locator(`${table} tfoot [data-total]`)), table).toEqual([sum(rows)]);
  }
}

for (const lang of ['nl', 'ar'] as Lang[]) {
  test(`Ank's money adds up, with one bijstand figure per meaning (${lang})`, async ({ page }) => {
    const expected = expectedResult(ANK, lang);
    const rules = expected.schemes.find((x) => x.id === 'bijstand')!.amount.monthly;
    const received = expected.ledger.incomes.find((x) => x.type === 'bijstand')!;
    await completeCheck(page, lang, ANK);
    await expect(page.getByRole('heading', { level: 1, name: s(lang, 'results.title') })).toBeVisible();

    await expectTablesAddUp(page);
    await expect(page.locator('[data-keep-total]')).toContainText(money(expected.ledger.keep.monthly, lang));

    // Typed, received on average (with the 5 % holiday allowance) and by the rules: each said once, with its meaning.
    const notes = page.locator('[data-ledger-notes]');
    await expect(notes.locator('[data-note="ledger-holiday-pay"]')).toHaveCount(2);
    await expect(notes).toContainText(money(400, lang));
    await expect(notes).toContainText(money(received.monthly, lang));
    const differs = received.monthly < rules ? 'ledger-received-less' : 'ledger-received-more';
    await expect(notes.locator(`[data-note="${differs}"]`)).toContainText(money(rules, lang));
    // The rules' amount is the one that counts: in the table of what she keeps and in the municipality's test.
    await expect(page.locator('[data-keep-table] tr[data-scheme="bijstand"] [data-amount]')).toHaveAttribute('data-amount', String(rules));
    await expect(page.locator('[data-di-income] tbody [data-amount]').filter({ hasText: money(rules, lang) })).toHaveCount(1);
    // What she receives is listed apart, with why it does not count.
    await expect(page.locator('[data-not-counted]')).toContainText(money(received.monthly, lang));
    await expect(page.locator('[data-not-counted]')).toContainText(s(lang, 'results.keep.why.replaced-by-rules'));

    // The what-if starts at what she keeps.
    await expect(page.locator('[data-extra-hours="0"] [data-keeps]')).toHaveAttribute('data-keeps', String(expected.ledger.keep.monthly));
    const eight = Number(await page.locator('[data-extra-hours="8"] [data-difference]').getAttribute('data-difference'));

    // The change page, 8 more hours from today: the same figure as the chart's +8 hours.
    await page.getByRole('button', { name: s(lang, 'change.entry.resultsButton'), exact: true }).click();
    const event = getRulebook().events['work-more-hours']!.texts[lang];
    await page
      .getByRole('group', { name: s(lang, 'change.pick.legend') })
      .getByRole('radio', { name: event.name, exact: true })
      .check();
    await page.getByRole('button', { name: s(lang, 'change.pick.next'), exact: true }).click();
    await page.getByLabel(new RegExp(`^${escapeRegExp(event.inputs.extraHours!)}`)).fill('8');
    await page.getByLabel(new RegExp(`^${escapeRegExp(event.inputs.date!)}`)).fill(E2E_TODAY);
    await page.getByRole('button', { name: s(lang, 'change.questions.submit'), exact: true }).click();
    await expect(page.locator('.change-left')).toHaveAttribute('data-delta', String(eight));
  });
}
